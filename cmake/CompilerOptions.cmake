# Warnings, warnings-as-errors and sanitizers, applied per target so that imported third-party
# headers are not held to our rules.

set(STAGEHAND_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough)

if(STAGEHAND_SANITIZE AND STAGEHAND_TSAN)
  message(FATAL_ERROR "STAGEHAND_SANITIZE and STAGEHAND_TSAN cannot be combined: build twice")
endif()
# The sanitizer builds exist to run tests, so they compile at -O1 with line tables only (-g1): the
# level AddressSanitizer's own documentation suggests, with file:line in every report. Measured
# with GCC 12 on a test file of the controller: -O2 -g under ASan+UBSan 34.8 s, -O1 -g1 16.9 s;
# these two builds were most of the test command's time on a fresh machine. (Given last, they
# override the build type's -O2 -g.)
if(STAGEHAND_SANITIZE OR STAGEHAND_TSAN)
  add_compile_options(-O1 -g1)
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
