# tree-sitter and its grammars, pinned in buildspec.json (dependencies/tree-sitter): each npm
# package is fetched once with `npm pack` into a download cache shared by all build trees,
# checked against its pinned sha512 before use, and extracted into the build tree. Nothing is
# copied into the repository.
#
# Defines:
#   stagehand-tree-sitter   static library: the tree-sitter core and every grammar
#   ${STAGEHAND_GRAMMARS_CPP} generated table of grammars with their highlight queries

set(STAGEHAND_DOWNLOAD_DIR "$ENV{HOME}/.cache/stagehand/npm"
    CACHE PATH "Where npm packages are downloaded to (shared by build trees)")

# Fetches PACKAGE@VERSION, verifies SHA512 (hex), extracts it and sets OUT_VAR to its folder.
function(stagehand_npm_package package version sha512 out_var)
  string(REGEX REPLACE "[@/]" "-" safe "${package}")
  string(REGEX REPLACE "^-" "" safe "${safe}")
  set(tarball "${STAGEHAND_DOWNLOAD_DIR}/${safe}-${version}.tgz")
  set(actual "")
  if(EXISTS "${tarball}")
    file(SHA512 "${tarball}" actual)
  endif()
  if(NOT actual STREQUAL sha512)
    find_program(NPM npm REQUIRED)
    file(MAKE_DIRECTORY "${STAGEHAND_DOWNLOAD_DIR}")
    message(STATUS "Stagehand: fetching ${package}@${version}")
    execute_process(
      COMMAND "${NPM}" pack "${package}@${version}" --pack-destination "${STAGEHAND_DOWNLOAD_DIR}"
              --silent --no-audit --no-fund
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${tarball}")
      message(FATAL_ERROR "npm pack ${package}@${version} failed (${rc}): ${err}")
    endif()
    file(SHA512 "${tarball}" actual)
    if(NOT actual STREQUAL sha512)
      file(REMOVE "${tarball}")
      message(FATAL_ERROR "${package}@${version}: sha512 of the downloaded tarball is ${actual}, "
                          "buildspec.json pins ${sha512}; refusing to build with it")
    endif()
  endif()
  set(dir "${PROJECT_BINARY_DIR}/_deps/${safe}-${version}")
  if(NOT EXISTS "${dir}/.extracted-${sha512}")
    file(REMOVE_RECURSE "${dir}")
    file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${dir}")
    file(TOUCH "${dir}/.extracted-${sha512}")
  endif()
  set(${out_var} "${dir}/package" PARENT_SCOPE)
endfunction()

# Third-party C: built with its own flags, none of our warnings, no sanitizers (the parser
# tables are huge and not ours to instrument).
function(stagehand_third_party_c target)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON
                                             C_VISIBILITY_PRESET hidden)
  target_compile_options(${target} PRIVATE -w -O1 -fno-sanitize=all)
  target_compile_definitions(${target} PRIVATE _DEFAULT_SOURCE)
endfunction()

# Reads the query files a grammar lists under KEY ("highlights", "injections"; a missing key is
# an empty query) and sets OUT_VAR to C++ raw string literals, one per 8000 characters (some
# compilers cap one literal's length).
function(stagehand_grammar_query spec grammar key pkg_dir out_var)
  string(JSON id GET "${grammar}" id)
  string(JSON nq ERROR_VARIABLE missing LENGTH "${grammar}" ${key})
  set(query "")
  if(NOT missing AND nq GREATER 0)
    math(EXPR lq "${nq} - 1")
    foreach(k RANGE ${lq})
      string(JSON entry GET "${grammar}" ${key} ${k})
      if(entry MATCHES "^([^:]+):(.+)$")
        set(other "${CMAKE_MATCH_1}")
        set(rel "${CMAKE_MATCH_2}")
        string(JSON ng LENGTH "${spec}" dependencies tree-sitter grammars)
        set(found "")
        math(EXPR lg "${ng} - 1")
        foreach(j RANGE ${lg})
          string(JSON gp GET "${spec}" dependencies tree-sitter grammars ${j} package)
          if(gp STREQUAL other)
            string(JSON gv GET "${spec}" dependencies tree-sitter grammars ${j} version)
            string(JSON gs GET "${spec}" dependencies tree-sitter grammars ${j} sha512)
            stagehand_npm_package("${gp}" "${gv}" "${gs}" found)
            break()
          endif()
        endforeach()
        if(NOT found)
          message(FATAL_ERROR "buildspec.json: grammar ${id} takes queries from ${other}, "
                              "which is not a pinned grammar package")
        endif()
        set(file "${found}/${rel}")
      else()
        set(file "${pkg_dir}/${entry}")
      endif()
      if(NOT EXISTS "${file}")
        message(FATAL_ERROR "buildspec.json: grammar ${id}: query file ${entry} is not in the package")
      endif()
      file(READ "${file}" text)
      string(APPEND query "${text}\n")
    endforeach()
  endif()
  string(LENGTH "${query}" qlen)
  set(pieces "")
  set(pos 0)
  while(pos LESS qlen)
    string(SUBSTRING "${query}" ${pos} 8000 piece)
    string(APPEND pieces "R\"stagehand_q(${piece})stagehand_q\",\n")
    math(EXPR pos "${pos} + 8000")
  endwhile()
  set(${out_var} "${pieces}" PARENT_SCOPE)
endfunction()

function(stagehand_add_tree_sitter)
  # The fuzz project (tests/fuzz) sets STAGEHAND_ROOT: its own source folder is not the root.
  if(NOT DEFINED STAGEHAND_ROOT)
    set(STAGEHAND_ROOT "${PROJECT_SOURCE_DIR}")
  endif()
  file(READ "${STAGEHAND_ROOT}/buildspec.json" spec)
  string(JSON core_pkg GET "${spec}" dependencies tree-sitter core package)
  string(JSON core_ver GET "${spec}" dependencies tree-sitter core version)
  string(JSON core_sha GET "${spec}" dependencies tree-sitter core sha512)
  stagehand_npm_package("${core_pkg}" "${core_ver}" "${core_sha}" core_dir)
  set(ts_lib "${core_dir}/vendor/tree-sitter/lib")

  add_library(stagehand-tree-sitter STATIC "${ts_lib}/src/lib.c")
  target_include_directories(stagehand-tree-sitter SYSTEM PUBLIC "${ts_lib}/include")
  target_include_directories(stagehand-tree-sitter PRIVATE "${ts_lib}/src")
  stagehand_third_party_c(stagehand-tree-sitter)

  set(declarations "")
  set(entries "")
  string(JSON count LENGTH "${spec}" dependencies tree-sitter grammars)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON grammar GET "${spec}" dependencies tree-sitter grammars ${i})
    string(JSON id GET "${grammar}" id)
    string(JSON package GET "${grammar}" package)
    string(JSON version GET "${grammar}" version)
    string(JSON sha GET "${grammar}" sha512)
    string(JSON path GET "${grammar}" path)
    stagehand_npm_package("${package}" "${version}" "${sha}" pkg_dir)
    set(src "${pkg_dir}/${path}/src")
    set(sources "${src}/parser.c")
    if(EXISTS "${src}/scanner.c")
      list(APPEND sources "${src}/scanner.c")
    endif()
    add_library(stagehand-grammar-${id} OBJECT ${sources})
    target_include_directories(stagehand-grammar-${id} PRIVATE "${src}")
    stagehand_third_party_c(stagehand-grammar-${id})
    target_sources(stagehand-tree-sitter PRIVATE $<TARGET_OBJECTS:stagehand-grammar-${id}>)

    # The highlight query: the files the grammar's tree-sitter.json names, in its order; a
    # "package:path" entry comes from another pinned package (TypeScript reuses JavaScript's).
    # The injection query (code inside code) is read the same way, when the grammar has one.
    stagehand_grammar_query("${spec}" "${grammar}" highlights "${pkg_dir}" highlight_pieces)
    stagehand_grammar_query("${spec}" "${grammar}" injections "${pkg_dir}" injection_pieces)
    string(JSON injected_only ERROR_VARIABLE no_flag GET "${grammar}" injected_only)
    if(no_flag OR NOT injected_only)
      set(injected_only false)
    else()
      set(injected_only true)
    endif()
    string(APPEND declarations "const TSLanguage* tree_sitter_${id}(void);\n")
    string(APPEND declarations
           "static const char* const query_${id}[] = {\n${highlight_pieces}nullptr};\n"
           "static const char* const injections_${id}[] = {\n${injection_pieces}nullptr};\n")
    string(APPEND entries "    {\"${id}\", tree_sitter_${id}, query_${id}, injections_${id}, "
                          "\"${package}@${version}\", ${injected_only}},\n")
  endforeach()

  set(STAGEHAND_GRAMMARS_CPP "${PROJECT_BINARY_DIR}/generated/grammars.cpp" PARENT_SCOPE)
  file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/generated/grammars.cpp" CONTENT
"// Generated by cmake/TreeSitter.cmake from buildspec.json. Do not edit.
#include \"core/highlight/grammar_table.hpp\"

extern \"C\" {
struct TSLanguage;
@declarations@}

namespace stagehand::core::highlight {
const std::vector<GrammarEntry>& grammar_table() {
    static const std::vector<GrammarEntry> table = {
@entries@    };
    return table;
}
} // namespace stagehand::core::highlight
" @ONLY)
endfunction()
