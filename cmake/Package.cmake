# The .deb (scripts/package.sh runs CPack on a build configured with the system layout): the
# module beside OBS's own plugins, its data in OBS's plugin data folder, stagehand-cli in bin.
# Its dependencies are the shared libraries the module and the CLI link (dpkg-shlibdeps), and
# the OBS it plugs into.
set(CPACK_PACKAGE_NAME "${STAGEHAND_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Stagehand")
set(CPACK_PACKAGE_CONTACT "Stagehand developers <stagehand@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "OBS Studio overlays for live technical talks: code snippets, slide progress, live questions")
set(CPACK_PACKAGE_DESCRIPTION
    "Stagehand adds a code snippet source (tree-sitter highlighting, steps, Magic-Move), a slide \
progress source with the talk timer and a live question source fed by a moderated queue from \
Twitch, YouTube and Discord chat, with a dock, hotkeys and obs-websocket requests.")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT") # stagehand_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "obs-studio")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xvfb")
set(CPACK_PACKAGE_CHECKSUM "SHA256")
set(CPACK_STRIP_FILES ON) # RelWithDebInfo: the debug info stays in the build tree
set(CPACK_OUTPUT_FILE_PREFIX "${CMAKE_BINARY_DIR}/packages")
include(CPack)
