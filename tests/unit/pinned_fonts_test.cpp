// The tests draw with the fonts pinned in buildspec.json and nothing else: every golden depends
// on those files, never on what the distribution happens to ship (tests/support/pinned_fonts.cpp).

#include "core/text/font_registry.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

using stagehand::core::text::FontRegistry;
using stagehand::core::text::FontRequest;

std::string pinned_root() {
    const char* conf = std::getenv("FONTCONFIG_FILE");
    return conf ? std::filesystem::path(conf).parent_path().string() + "/" : std::string{};
}

TEST(PinnedFonts, FontconfigPointsAtThePinnedConfiguration) {
    const char* conf = std::getenv("FONTCONFIG_FILE");
    ASSERT_NE(conf, nullptr);
    EXPECT_EQ(std::string(conf), STAGEHAND_FONTCONFIG_FILE);
    EXPECT_TRUE(std::filesystem::is_regular_file(conf)) << conf;
}

// Each family the goldens use resolves to the pinned package it comes from, and every fallback
// in its chain is a pinned file too.
TEST(PinnedFonts, EveryFaceOfEveryChainIsAPinnedFile) {
    const std::string root = pinned_root();
    ASSERT_FALSE(root.empty());
    const struct {
        const char* family;
        const char* package;
    } cases[] = {
        {"JetBrains Mono", "fonts-jetbrains-mono/"}, {"DejaVu Sans", "fonts-dejavu-core/"},
        {"DejaVu Sans Mono", "fonts-dejavu-core/"},  {"sans-serif", "fonts-dejavu-core/"},
        {"monospace", "fonts-dejavu-core/"},
    };
    auto& registry = FontRegistry::global();
    for (const auto& c : cases) {
        const auto chain = registry.chain(FontRequest{c.family, 400, false, {}});
        ASSERT_FALSE(chain->entries.empty()) << c.family;
        EXPECT_EQ(registry.file(chain->entries.front().face).path.rfind(root + c.package, 0), 0u)
            << c.family << " resolved to " << registry.file(chain->entries.front().face).path;
        for (const auto& entry : chain->entries)
            EXPECT_EQ(registry.file(entry.face).path.rfind(root, 0), 0u)
                << c.family << " falls back to " << registry.file(entry.face).path;
        ASSERT_GE(chain->emoji, 0) << c.family;
        EXPECT_NE(registry.file(chain->entries[static_cast<std::size_t>(chain->emoji)].face)
                      .path.find("fonts-noto-color-emoji/"),
                  std::string::npos);
    }
}

// A code font that is not installed gives way to the monospace family, not to fontconfig's
// default sans (whose proportional digits break a snippet's columns); without the generic it
// goes to the default sans, which is what the generic is for.
TEST(PinnedFonts, AMissingCodeFontFallsBackToMonospace) {
    auto& registry = FontRegistry::global();
    const auto with = registry.chain(FontRequest{"No Such Code Font", 400, false, "monospace"});
    ASSERT_FALSE(with->entries.empty());
    EXPECT_EQ(registry.file(with->entries.front().face).family, "DejaVu Sans Mono");
    ASSERT_FALSE(with->warnings.empty());
    EXPECT_NE(with->warnings.front().find("No Such Code Font"), std::string::npos);
    const auto without = registry.chain(FontRequest{"No Such Code Font", 400, false, {}});
    ASSERT_FALSE(without->entries.empty());
    EXPECT_EQ(registry.file(without->entries.front().face).family, "DejaVu Sans");
}

} // namespace
