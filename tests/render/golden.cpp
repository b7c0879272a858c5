#include "golden.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace stagehand::test {

namespace {

// "2.13": the FreeType this process renders with. Its hinting moves antialiased edges between
// minor versions, so a golden may have a variant per minor (golden/freetype-2.14/NAME.png).
std::string freetype_minor() {
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return "unknown";
    FT_Int major = 0, minor = 0, patch = 0;
    FT_Library_Version(library, &major, &minor, &patch);
    FT_Done_FreeType(library);
    return std::to_string(major) + "." + std::to_string(minor);
}

} // namespace

std::string check_golden(const std::string& name, const Image& actual, std::uint32_t own_rows) {
    namespace fs = std::filesystem;
    // The variant for this FreeType when there is one (or when asked to write one), else the
    // golden every version shares.
    const fs::path variant =
        fs::path(STAGEHAND_GOLDEN_DIR) / ("freetype-" + freetype_minor()) / (name + ".png");
    const char* for_freetype = std::getenv("STAGEHAND_GOLDEN_FOR_FREETYPE");
    const bool write_variant = for_freetype && std::string(for_freetype) == "1";
    const fs::path golden = fs::exists(variant) || write_variant
                                ? variant
                                : fs::path(STAGEHAND_GOLDEN_DIR) / (name + ".png");
    const fs::path out_dir = STAGEHAND_RENDER_OUT_DIR;
    fs::create_directories(out_dir);
    const fs::path actual_path = out_dir / (name + ".actual.png");

    const char* update = std::getenv("STAGEHAND_UPDATE_GOLDENS");
    if (update && std::string(update) == "1") {
        fs::create_directories(golden.parent_path());
        if (!save_png(actual, golden.string()))
            return "could not write golden " + golden.string();
        std::printf("updated golden %s: look at it before committing\n", golden.c_str());
        return {};
    }

    save_png(actual, actual_path.string());
    Image expected;
    if (!load_png(golden.string(), expected))
        return "no golden image " + golden.string() + "; the actual image is " +
               actual_path.string() +
               " (look at it, then rerun with STAGEHAND_UPDATE_GOLDENS=1 to accept it)";

    const Comparison c = compare(actual, expected, kChannelTolerance, own_rows);
    if (!c.same_size)
        return name + ": size " + std::to_string(actual.width) + "x" +
               std::to_string(actual.height) + " differs from the golden's " +
               std::to_string(expected.width) + "x" + std::to_string(expected.height);
    if (c.fraction_over_tolerance > kMaxDifferentFraction ||
        c.worst_tile_fraction > kMaxTileDifferentFraction) {
        const fs::path diff_path = out_dir / (name + ".diff.png");
        save_png(diff_image(actual, expected, kChannelTolerance), diff_path.string());
        char msg[768];
        std::snprintf(msg, sizeof msg,
                      "%s: %zu pixels (%.3f%%) differ by more than %u; worst channel delta %u; "
                      "worst 16x16 tile at (%u, %u) has %.1f%% differing (at most %.1f%%). "
                      "See %s and %s",
                      name.c_str(), c.pixels_over_tolerance, c.fraction_over_tolerance * 100.0,
                      kChannelTolerance, c.max_channel_delta, c.worst_tile_x, c.worst_tile_y,
                      c.worst_tile_fraction * 100.0, kMaxTileDifferentFraction * 100.0,
                      actual_path.c_str(), diff_path.c_str());
        return msg;
    }
    fs::remove(actual_path);
    return {};
}

} // namespace stagehand::test
