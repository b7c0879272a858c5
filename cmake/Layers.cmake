# Layers the build enforces (DESIGN.md, "Layers"). Each library exposes only its own include
# root: a folder in the build tree holding one link, LAYER -> the layer's source folder, so that
# "core/text/font_cache.hpp" resolves for whoever links stagehand-core and "control/..." does
# not resolve inside core at all: reaching up a layer is a compile error, not a review comment.
# What include paths cannot stop (a system header such as <obs/obs.h> or Qt's) the lint test
# tests/lint/check-layers.sh checks.

# stagehand_include_root(TARGET LAYER SOURCE_DIR)
function(stagehand_include_root target layer source_dir)
  set(root "${CMAKE_BINARY_DIR}/include-roots/${layer}")
  file(MAKE_DIRECTORY "${root}")
  if(NOT EXISTS "${root}/${layer}")
    file(CREATE_LINK "${source_dir}" "${root}/${layer}" SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC "${root}")
endfunction()
