# Two install layouts, chosen with STAGEHAND_INSTALL_LAYOUT:
#   user   (default): CMAKE_INSTALL_PREFIX is an OBS plugins folder, normally
#                     ~/.config/obs-studio/plugins; the module lands in
#                     stagehand/bin/64bit/stagehand.so and its data in stagehand/data/.
#   system:           the module goes to libobs's plugin folder and the data to
#                     <obs data>/obs-plugins/stagehand, as Debian's own plugins are laid out.
set(STAGEHAND_INSTALL_LAYOUT "user" CACHE STRING "Install layout: user or system")
set_property(CACHE STAGEHAND_INSTALL_LAYOUT PROPERTY STRINGS user system)

if(STAGEHAND_INSTALL_LAYOUT STREQUAL "user")
  if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
    set(CMAKE_INSTALL_PREFIX "$ENV{HOME}/.config/obs-studio/plugins" CACHE PATH "" FORCE)
  endif()
  set(module_dir "${STAGEHAND_NAME}/bin/64bit")
  set(data_dir "${STAGEHAND_NAME}/data")
elseif(STAGEHAND_INSTALL_LAYOUT STREQUAL "system")
  include("${PROJECT_SOURCE_DIR}/cmake/ObsPaths.cmake")
  stagehand_find_obs_plugin_dirs()
  set(module_dir "${STAGEHAND_OBS_PLUGIN_DIR}")
  set(data_dir "${STAGEHAND_OBS_PLUGIN_DATA_DIR}/${STAGEHAND_NAME}")
  message(STATUS "Stagehand: system layout: module into ${module_dir}, data into ${data_dir}")
else()
  message(FATAL_ERROR
    "STAGEHAND_INSTALL_LAYOUT: expected \"user\" or \"system\", got \"${STAGEHAND_INSTALL_LAYOUT}\"")
endif()

install(TARGETS stagehand LIBRARY DESTINATION "${module_dir}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/" DESTINATION "${data_dir}")
if(STAGEHAND_INSTALL_LAYOUT STREQUAL "system")
  install(TARGETS stagehand-cli RUNTIME DESTINATION bin)
endif()

# Packages (scripts/package.sh): the module finds the libraries bundled beside it.
option(STAGEHAND_PORTABLE "Let the module find libraries in its own folder (packages)" OFF)
if(STAGEHAND_PORTABLE)
  set_target_properties(stagehand PROPERTIES BUILD_RPATH "$ORIGIN" INSTALL_RPATH "$ORIGIN")
endif()

# An installed stagehand-cli loads the installed module and data; one in the build tree, the
# build tree's.
foreach(var module_dir data_dir)
  if(IS_ABSOLUTE "${${var}}")
    set(installed_${var} "${${var}}")
  else()
    set(installed_${var} "${CMAKE_INSTALL_PREFIX}/${${var}}")
  endif()
endforeach()
target_compile_definitions(stagehand-cli PRIVATE
  STAGEHAND_INSTALLED_MODULE="${installed_module_dir}/${STAGEHAND_NAME}.so"
  STAGEHAND_INSTALLED_DATA="${installed_data_dir}"
  STAGEHAND_BUILD_DIR="${CMAKE_BINARY_DIR}")

include("${CMAKE_CURRENT_LIST_DIR}/Package.cmake")
