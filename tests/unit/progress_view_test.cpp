#include "core/slides/progress_view.hpp"
#include "core/slides/talk.hpp"

#include "sample_talk.hpp"

#include <gtest/gtest.h>

using namespace stagehand::core::slides;
using stagehand::test::sample_talk;

// The slide bar's words and the timer's colour, from a talk's state (the talk's own logic is in
// talk_test.cpp, which builds without the text engine for the Windows build).

TEST(ProgressView, SaysWhereTheTalkIsAndColoursTheTimerByPace) {
    TalkState state;
    state.load(sample_talk());
    state.go_to(21);
    state.timer().start(0);
    ProgressStyle style;
    style.next_up = true;
    const auto texts = progress_texts(state.status(25 * 60000), style);
    ASSERT_EQ(texts.size(), 4u);
    EXPECT_EQ(texts[0], "21 / 40");
    EXPECT_EQ(texts[1], "Section 3 of 4: Deploying");
    EXPECT_EQ(texts[2], "Next: Q&A");
    EXPECT_EQ(texts[3], "25:00 / 40:00 · 5 min behind");
    auto timer_colour = [&](std::int64_t now) {
        stagehand::core::text::TextEngine engine;
        stagehand::core::RenderList list;
        ProgressStyle only_timer = style;
        only_timer.counter = only_timer.section = only_timer.next_up = false;
        build_progress_view(state.talk(), state.status(now), only_timer, {0, 0, 800, 60}, engine,
                            list);
        EXPECT_FALSE(list.glyphs.empty());
        return list.glyphs.empty() ? stagehand::core::Color{} : list.glyphs.front().color;
    };
    EXPECT_EQ(timer_colour(20 * 60000), style.text) << "on time";
    EXPECT_EQ(timer_colour(25 * 60000), style.warning) << "5 min behind";
    EXPECT_EQ(timer_colour(41 * 60000), style.overtime);
}
