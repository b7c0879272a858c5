#pragma once

// The talk the slide tests share: 40 slides in 40 minutes, four sections.
#include "core/slides/talk.hpp"

#include <gtest/gtest.h>

namespace stagehand::test {

inline const char* const kSampleTalk = R"({
  "format": "stagehand.talk", "version": 1, "title": "Shipping TypeScript at scale",
  "slides": 40, "minutes": 40,
  "sections": [
    {"title": "Why", "first_slide": 1, "minutes": 5},
    {"title": "The parser", "first_slide": 6, "minutes": 15},
    {"title": "Deploying", "first_slide": 21, "minutes": 15},
    {"title": "Q&A", "first_slide": 36, "minutes": 5}
  ]})";

inline core::slides::Talk sample_talk() {
    std::string error;
    auto parsed = core::slides::parse_talk(kSampleTalk, error);
    EXPECT_TRUE(parsed) << error;
    return parsed ? *parsed : core::slides::Talk{};
}

} // namespace stagehand::test
