# Where the installed OBS keeps its plugins and their data. OBS 29's CMake package says so in
# LIBOBS_PLUGIN_DESTINATION / LIBOBS_PLUGIN_DATA_DESTINATION; OBS 32's no longer defines them, so
# they are found from libobs itself: <libdir>/obs-plugins and <prefix>/share/obs/obs-plugins.
# Sets STAGEHAND_OBS_PLUGIN_DIR and STAGEHAND_OBS_PLUGIN_DATA_DIR in the caller's scope.
function(stagehand_find_obs_plugin_dirs)
  set(module_dir "${LIBOBS_PLUGIN_DESTINATION}")
  set(data_dir "${LIBOBS_PLUGIN_DATA_DESTINATION}")
  if(NOT module_dir OR NOT data_dir)
    get_target_property(library OBS::libobs LOCATION)
    get_filename_component(libdir "${library}" DIRECTORY)
    get_target_property(includes OBS::libobs INTERFACE_INCLUDE_DIRECTORIES)
    list(GET includes 0 include_dir)              # <prefix>/include/obs
    get_filename_component(prefix "${include_dir}/../.." ABSOLUTE)
    if(NOT module_dir)
      set(module_dir "${libdir}/obs-plugins")
    endif()
    if(NOT data_dir)
      set(data_dir "${prefix}/share/obs/obs-plugins")
    endif()
  endif()
  set(STAGEHAND_OBS_PLUGIN_DIR "${module_dir}" PARENT_SCOPE)
  set(STAGEHAND_OBS_PLUGIN_DATA_DIR "${data_dir}" PARENT_SCOPE)
endfunction()
