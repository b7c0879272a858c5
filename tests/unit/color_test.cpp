#include "core/base/color.hpp"

#include <gtest/gtest.h>

using stagehand::core::Color;
using stagehand::core::from_obs_abgr;
using stagehand::core::parse_hex_color;
using stagehand::core::to_hex;
using stagehand::core::to_obs_abgr;

TEST(Color, ParsesSixDigitHexAsOpaque) {
    auto c = parse_hex_color("#FF8000");
    ASSERT_TRUE(c.has_value());
    EXPECT_FLOAT_EQ(c->r, 1.0f);
    EXPECT_NEAR(c->g, 128.0f / 255.0f, 1e-6);
    EXPECT_FLOAT_EQ(c->b, 0.0f);
    EXPECT_FLOAT_EQ(c->a, 1.0f);
}

TEST(Color, ParsesEightDigitHexWithAlphaAndLowercase) {
    auto c = parse_hex_color("#00ff0080");
    ASSERT_TRUE(c.has_value());
    EXPECT_FLOAT_EQ(c->g, 1.0f);
    EXPECT_NEAR(c->a, 128.0f / 255.0f, 1e-6);
}

TEST(Color, ShortFormRepeatsEachDigit) {
    EXPECT_EQ(parse_hex_color("#f0a"), parse_hex_color("#ff00aa"));
}

TEST(Color, RejectsMalformedInputWithAReason) {
    std::string error;
    EXPECT_FALSE(parse_hex_color("red", &error).has_value());
    EXPECT_NE(error.find("expected a colour like #RRGGBB"), std::string::npos) << error;
    EXPECT_NE(error.find("\"red\""), std::string::npos) << error;

    EXPECT_FALSE(parse_hex_color("#12345", &error).has_value());
    EXPECT_NE(error.find("3, 6 or 8 hex digits"), std::string::npos) << error;

    EXPECT_FALSE(parse_hex_color("#GGHHII", &error).has_value());
    EXPECT_NE(error.find("only hex digits"), std::string::npos) << error;

    EXPECT_FALSE(parse_hex_color("", &error).has_value());
}

TEST(Color, HexRoundTripIsExactForEightBitValues) {
    for (const char* text : {"#000000FF", "#FFFFFF00", "#1E1E1EFF", "#3366CC80", "#0A0B0C0D"}) {
        auto c = parse_hex_color(text);
        ASSERT_TRUE(c.has_value()) << text;
        EXPECT_EQ(to_hex(*c), text);
    }
}

TEST(Color, ObsColourIsAbgrInAnInteger) {
    // OBS's colour picker stores opaque pure red as 0xFF0000FF: alpha in the top byte, red in
    // the low byte.
    const Color red = from_obs_abgr(0xFF0000FFu);
    EXPECT_EQ(red, (Color{1.0f, 0.0f, 0.0f, 1.0f}));
    const Color translucent_blue = from_obs_abgr(0x80FF0000u);
    EXPECT_FLOAT_EQ(translucent_blue.b, 1.0f);
    EXPECT_FLOAT_EQ(translucent_blue.r, 0.0f);
    EXPECT_NEAR(translucent_blue.a, 128.0f / 255.0f, 1e-6);
    EXPECT_EQ(to_obs_abgr(translucent_blue), 0x80FF0000u);
}

TEST(Color, OutOfRangeChannelsClampWhenPacked) {
    EXPECT_EQ(to_obs_abgr(Color{2.0f, -1.0f, 0.5f, 1.0f}), 0xFF8000FFu);
}
