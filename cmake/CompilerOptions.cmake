# Warnings, warnings-as-errors and sanitizers, applied per target so that imported third-party
# headers are not held to our rules.

set(STAGEHAND_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough)

if(STAGEHAND_SANITIZE AND STAGEHAND_TSAN)
  message(FATAL_ERROR "STAGEHAND_SANITIZE and STAGEHAND_TSAN cannot be combined: build twice")
endif()
if(STAGEHAND_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(STAGEHAND_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

function(stagehand_target_defaults target)
  get_target_property(lang_type ${target} TYPE)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:${STAGEHAND_WARNINGS}>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra>)
  if(STAGEHAND_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  set_target_properties(${target} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                             VISIBILITY_INLINES_HIDDEN ON)
endfunction()
