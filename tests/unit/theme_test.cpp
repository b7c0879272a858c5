#include "core/highlight/theme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace stagehand::core;
using namespace stagehand::core::highlight;

namespace {
Color hex(const char* text) {
    return *parse_hex_color(text);
}
} // namespace

TEST(Theme, EveryShippedThemeLoadsWithReadableContrast) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(STAGEHAND_DATA_DIR "/themes")) {
        std::string error;
        auto theme = load_theme_file(entry.path().string(), entry.path().stem().string(), error);
        ASSERT_TRUE(theme.has_value()) << error;
        EXPECT_FALSE(theme->name.empty());
        // Foreground and background differ by a lot in lightness (a rough readability floor).
        auto luma = [](const Color& c) {
            return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
        };
        EXPECT_GT(std::abs(luma(theme->foreground) - luma(theme->background)), 0.4f) << theme->id;
        ++count;
    }
    EXPECT_EQ(count, 10);
}

TEST(Theme, CaptureLookupFallsBackAlongTheDots) {
    std::string error;
    auto theme = load_theme_file(STAGEHAND_DATA_DIR "/themes/dark-plus.json", "dark-plus", error);
    ASSERT_TRUE(theme) << error;
    EXPECT_EQ(theme->style_for("keyword").color, hex("#569CD6"));
    EXPECT_EQ(theme->style_for("function.method.builtin").color, hex("#DCDCAA"));
    EXPECT_EQ(theme->style_for("string.special.symbol").color, hex("#D16969"));
    EXPECT_EQ(theme->style_for("nothing.like.this").color, theme->foreground);
}

TEST(Theme, BadInputSaysWhereAndWhatWasExpected) {
    std::string error;
    EXPECT_FALSE(parse_theme("{", "x", error));
    EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;

    EXPECT_FALSE(parse_theme(R"({"format":"stagehand.theme","version":2})", "x", error));
    EXPECT_EQ(error, "/version: expected 1 (this Stagehand reads theme format 1)");

    EXPECT_FALSE(
        parse_theme(R"({"format":"stagehand.theme","version":1,"foreground":"#fff"})", "x", error));
    EXPECT_EQ(error, "/background: missing (expected a colour like #RRGGBB)");

    EXPECT_FALSE(parse_theme(R"({"format":"stagehand.theme","version":1,"background":"#000",
        "foreground":"#fff","captures":{"keyword":"blue"}})",
                             "x", error));
    EXPECT_EQ(error,
              "/captures/keyword: expected a colour like #RRGGBB or #RRGGBBAA, got \"blue\"");

    EXPECT_FALSE(parse_theme(R"({"format":"stagehand.theme","version":1,"background":"#000",
        "foreground":"#fff","captures":{"comment":{"color":12}}})",
                             "x", error));
    EXPECT_EQ(error, "/captures/comment/color: expected a colour like #RRGGBB, got 12");
}

TEST(Theme, StylesCarryBoldAndItalic) {
    std::string error;
    auto theme = parse_theme(R"({"format":"stagehand.theme","version":1,"background":"#000",
        "foreground":"#fff","captures":{"comment":{"color":"#888","italic":true},
        "keyword":{"color":"#ff0","bold":true}}})",
                             "t", error);
    ASSERT_TRUE(theme) << error;
    EXPECT_TRUE(theme->style_for("comment.line").italic);
    EXPECT_TRUE(theme->style_for("keyword").bold);
    EXPECT_FALSE(theme->style_for("keyword").italic);
}

TEST(Theme, TheFolderListingOffersEveryThemeByNameAndSkipsBrokenFiles) {
    const auto shipped = list_themes(STAGEHAND_DATA_DIR "/themes");
    ASSERT_EQ(shipped.size(), 10u);
    EXPECT_TRUE(std::is_sorted(shipped.begin(), shipped.end(),
                               [](const auto& a, const auto& b) { return a.name < b.name; }));
    EXPECT_TRUE(std::any_of(shipped.begin(), shipped.end(), [](const auto& t) {
        return t.id == "dark-plus" && t.name == "Dark+ (VS Code)";
    }));

    const auto dir = std::filesystem::temp_directory_path() / "stagehand-theme-list-test";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(STAGEHAND_DATA_DIR "/themes/monokai.json", dir / "mine.json",
                               std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "broken.json") << "{ not json";
    std::ofstream(dir / "notes.txt") << "not a theme";
    const auto listed = list_themes(dir.string());
    std::filesystem::remove_all(dir);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, "mine");
}

TEST(Theme, EveryShippedThemeMakesMarkdownStrongBoldAndEmphasisItalic) {
    for (const auto& entry : highlight::list_themes(STAGEHAND_DATA_DIR "/themes")) {
        std::string error;
        const auto theme = highlight::load_theme_file(
            STAGEHAND_DATA_DIR "/themes/" + entry.id + ".json", entry.id, error);
        ASSERT_TRUE(theme) << error;
        EXPECT_TRUE(theme->style_for("text.strong").bold) << entry.id;
        EXPECT_TRUE(theme->style_for("text.emphasis").italic) << entry.id;
        EXPECT_EQ(theme->style_for("text.strong").color, theme->foreground) << entry.id;
    }
}

// A code source applies its theme on every step: the file is parsed once, then again only
// when it changes on disk.
TEST(ThemeCache, ReadsAFileOnceAndAgainWhenItChanges) {
    namespace fs = std::filesystem;
    const fs::path file = fs::temp_directory_path() / "stagehand-theme-cache-test.json";
    const std::string shipped = std::string(STAGEHAND_DATA_DIR) + "/themes/dracula.json";
    fs::copy_file(shipped, file, fs::copy_options::overwrite_existing);
    stagehand::core::highlight::ThemeCache cache;
    std::string error;
    const auto first = cache.load(file.string(), "dracula", error);
    ASSERT_TRUE(first) << error;
    const auto second = cache.load(file.string(), "dracula", error);
    EXPECT_EQ(first.get(), second.get()) << "the same parsed theme, not a new parse";
    EXPECT_EQ(cache.reads(), 1u);
    {
        std::ofstream out(file, std::ios::app);
        out << "\n\n"; // a save that changes the size
    }
    const auto third = cache.load(file.string(), "dracula", error);
    ASSERT_TRUE(third) << error;
    EXPECT_EQ(cache.reads(), 2u);
    fs::remove(file);
    EXPECT_FALSE(cache.load(file.string(), "dracula", error));
    EXPECT_NE(error.find("cannot be read"), std::string::npos) << error;
}

// A theme id from a source's settings or a preset names a file in a theme folder, never a path.
TEST(Theme, AnIdIsANameNeverAPath) {
    using stagehand::core::highlight::is_theme_id;
    EXPECT_TRUE(is_theme_id("dark-plus"));
    EXPECT_TRUE(is_theme_id("solarized_light2"));
    for (const char* bad :
         {"", "../../etc/passwd", "a/b", "..", "dark plus", "x.json", "c:\\x", "\xC3\xA9t\xC3\xA9"})
        EXPECT_FALSE(is_theme_id(bad)) << bad;
    EXPECT_FALSE(is_theme_id(std::string(65, 'a')));
}
