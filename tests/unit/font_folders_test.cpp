// Font lookup without fontconfig: the font folders read with FreeType (core/text/font_source.hpp),
// as on Windows and macOS. Run on Linux over the pinned fonts, and held against fontconfig over
// the same fonts: the same faces must come out for what the overlays ask for.
#include "core/text/font_registry.hpp"
#include "core/text/font_source.hpp"
#include "core/text/text_layout.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using namespace stagehand::core::text;
namespace fs = std::filesystem;

// The folders the pinned fontconfig configuration lists (its <dir> lines), so that both sources
// see exactly the same files.
std::vector<fs::path> pinned_font_folders() {
    std::ifstream conf(STAGEHAND_FONTCONFIG_FILE);
    std::vector<fs::path> out;
    for (std::string line; std::getline(conf, line);) {
        const auto open = line.find("<dir>"), close = line.find("</dir>");
        if (open != std::string::npos && close != std::string::npos)
            out.emplace_back(line.substr(open + 5, close - open - 5));
    }
    return out;
}

std::string file_of(FontRegistry& registry, const FontRequest& request, std::size_t entry = 0) {
    const auto chain = registry.chain(request);
    if (chain->entries.size() <= entry)
        return "<none>";
    return fs::path(registry.file(chain->entries[entry].face).path).filename().string();
}

std::string file_for(FontRegistry& registry, const FontRequest& request, char32_t cp,
                     bool emoji = false) {
    const auto chain = registry.chain(request);
    if (chain->entries.empty())
        return "<none>";
    const std::size_t i = chain->entry_for(cp, emoji);
    return fs::path(registry.file(chain->entries[i].face).path).filename().string();
}

class FontFolders : public ::testing::Test {
protected:
    FontRegistry folders{make_folder_source(pinned_font_folders())};
};

TEST(Coverage, RangesAnswerMembershipAndWhatTheyAdd) {
    Coverage latin;
    for (char32_t cp = 0x20; cp <= 0x7E; ++cp)
        latin.add_ascending(cp);
    latin.add_ascending(0xE9);
    EXPECT_EQ(latin.ranges().size(), 2u);
    EXPECT_EQ(latin.size(), 96u);
    EXPECT_TRUE(latin.has(U'A'));
    EXPECT_TRUE(latin.has(0xE9));
    EXPECT_FALSE(latin.has(0xE8));
    EXPECT_FALSE(latin.has(0x1F600));
    const Coverage digits({{U'0', U'9'}});
    EXPECT_FALSE(digits.adds_to(latin));
    const Coverage cjk({{0x4E00, 0x9FFF}, {U'a', U'b'}});
    EXPECT_TRUE(cjk.adds_to(latin));
    Coverage both = latin;
    both.merge(cjk);
    EXPECT_FALSE(cjk.adds_to(both));
    EXPECT_TRUE(both.has(0x53F0));
    EXPECT_EQ(both.size(), 96u + 0x5200u);
}

TEST_F(FontFolders, FindsTheRequestedFamilyInTheStyleAskedFor) {
    EXPECT_EQ(folders.source_name(), "font folders");
    EXPECT_EQ(file_of(folders, {"JetBrains Mono", 400, false, {}}), "JetBrainsMono-Regular.ttf");
    EXPECT_EQ(file_of(folders, {"JetBrains Mono", 700, false, {}}), "JetBrainsMono-Bold.ttf");
    EXPECT_EQ(file_of(folders, {"JetBrains Mono", 400, true, {}}), "JetBrainsMono-Italic.ttf");
    EXPECT_EQ(file_of(folders, {"jetbrains mono", 600, false, {}}), "JetBrainsMono-SemiBold.ttf");
    EXPECT_EQ(file_of(folders, {"DejaVu Sans", 700, false, {}}), "DejaVuSans-Bold.ttf");
    EXPECT_TRUE(folders.chain({"JetBrains Mono", 400, false, {}})->warnings.empty());
}

TEST_F(FontFolders, GenericFamiliesAndMissingOnesFallBackAsFontconfigWould) {
    EXPECT_EQ(file_of(folders, {"monospace", 400, false, {}}), "DejaVuSansMono.ttf");
    EXPECT_EQ(file_of(folders, {"sans-serif", 400, false, {}}), "DejaVuSans.ttf");
    // A code font that is not installed: its generic family, not a proportional font.
    EXPECT_EQ(file_of(folders, {"Fira Code", 400, false, "monospace"}), "DejaVuSansMono.ttf");
    const auto missing = folders.chain({"Comic Nope", 400, false, {}});
    ASSERT_EQ(missing->warnings.size(), 1u);
    EXPECT_EQ(missing->warnings[0],
              "font family \"Comic Nope\" is not installed; using \"DejaVu Sans\" instead");
}

TEST_F(FontFolders, OtherScriptsAndEmojiFindTheFontsThatHaveThem) {
    const FontRequest code{"JetBrains Mono", 400, false, {}};
    EXPECT_EQ(file_for(folders, code, U'x'), "JetBrainsMono-Regular.ttf");
    EXPECT_EQ(file_for(folders, code, 0x53F0), "DroidSansFallbackFull.ttf"); // 台
    EXPECT_EQ(file_for(folders, code, 0x1F600, true), "NotoColorEmoji.ttf");
    EXPECT_GE(folders.chain(code)->emoji, 0);
}

TEST_F(FontFolders, NoFontsAtAllIsSaidAndNothingBreaks) {
    const fs::path empty = fs::temp_directory_path() / "stagehand-no-fonts";
    fs::create_directories(empty);
    FontRegistry none(make_folder_source({empty, empty / "missing"}));
    const auto chain = none.chain({"sans-serif", 400, false, {}});
    EXPECT_TRUE(chain->entries.empty());
    ASSERT_EQ(chain->warnings.size(), 1u);
    EXPECT_EQ(chain->warnings[0], "no font found for \"sans-serif\": font folders lists no fonts "
                                  "(is any font package installed?)");
    TextEngine engine(none);
    TextStyle style;
    EXPECT_NO_THROW(engine.layout("still no crash", style, 0, 0));
    fs::remove_all(empty);
}

// The same text laid out through fontconfig and through the folders, over the same pinned
// fonts: the same glyphs from the same families at the same places (code, a CJK question,
// emoji in chat).
TEST_F(FontFolders, LayoutsMatchFontconfigsOverTheSameFonts) {
    FontRegistry fontconfig(make_fontconfig_source());
    TextEngine with_fontconfig(fontconfig);
    TextEngine with_folders(folders);
    const struct {
        const char* family;
        int weight;
        const char* text;
    } cases[] = {
        {"JetBrains Mono", 400, "const stage = () => 42; // ok"},
        {"JetBrains Mono", 700, "if (x != y) return;"},
        {"DejaVu Sans", 400,
         "Will the slides be shared? \xE5\x8F\xB0\xE5\x8C\x97 \xF0\x9F\x98\x80"},
        {"sans-serif", 600, "How does Magic-Move work?"},
    };
    for (const auto& c : cases) {
        TextStyle style;
        style.family = c.family;
        style.weight = c.weight;
        style.size_px = 28.0f;
        const std::string a = describe(with_fontconfig.layout(c.text, style, 0, 0), fontconfig);
        const std::string b = describe(with_folders.layout(c.text, style, 0, 0), folders);
        EXPECT_EQ(a, b) << c.family << " " << c.weight << ": " << c.text;
    }
}

// STAGEHAND_FONT_LOOKUP=folders switches fontconfig off for the whole plugin;
// STAGEHAND_FONT_DIRS names the folders in place of the system's.
TEST(FontLookup, TheEnvironmentChoosesTheFolders) {
    const auto pinned = pinned_font_folders();
    ASSERT_EQ(pinned.size(), 4u);
    const std::string dirs = pinned[0].string() + ":" + pinned[1].string() + ":/nonexistent";
    ASSERT_EQ(setenv("STAGEHAND_FONT_LOOKUP", "folders", 1), 0);
    ASSERT_EQ(setenv("STAGEHAND_FONT_DIRS", dirs.c_str(), 1), 0);
    const auto listed = system_font_folders();
    FontRegistry registry; // as FontRegistry::global() is made
    unsetenv("STAGEHAND_FONT_LOOKUP");
    unsetenv("STAGEHAND_FONT_DIRS");
    ASSERT_EQ(listed.size(), 3u);
    EXPECT_EQ(listed[1], pinned[1]);
    EXPECT_EQ(registry.source_name(), "font folders");
    EXPECT_EQ(file_of(registry, {"JetBrains Mono", 400, false, {}}), "JetBrainsMono-Regular.ttf");

    FontRegistry by_default;
    EXPECT_EQ(by_default.source_name(), "fontconfig");
    const auto system = system_font_folders();
    EXPECT_NE(std::find(system.begin(), system.end(), fs::path("/usr/share/fonts")), system.end());
}

} // namespace
