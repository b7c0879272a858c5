// Linked into every program that draws text in tests and benchmarks: before main() runs, points
// fontconfig at the private configuration of cmake/PinnedFonts.cmake, which offers only the font
// files pinned in buildspec.json. Goldens then hold whatever the distribution's fonts are.
// Set STAGEHAND_SYSTEM_FONTS=1 to try the system's fonts instead (goldens will differ).

#include <cstdlib>

namespace {

[[maybe_unused]] const bool pinned_fonts = [] {
    const char* system = std::getenv("STAGEHAND_SYSTEM_FONTS");
    if (system && *system == '1')
        return false;
    return setenv("FONTCONFIG_FILE", STAGEHAND_FONTCONFIG_FILE, 1) == 0;
}();

} // namespace
