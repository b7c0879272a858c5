#include "core/slides/talk.hpp"

#include "sample_talk.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace stagehand::core::slides;
using stagehand::test::sample_talk;

TEST(Talk, ParsesATalkFile) {
    const Talk t = sample_talk();
    EXPECT_EQ(t.title, "Shipping TypeScript at scale");
    EXPECT_EQ(t.slides, 40);
    ASSERT_EQ(t.sections.size(), 4u);
    EXPECT_EQ(t.sections[2].title, "Deploying");
    EXPECT_EQ(t.sections[2].first_slide, 21);
    EXPECT_DOUBLE_EQ(t.planned_minutes(), 40);
}

TEST(Talk, AMalformedFileSaysWhereAndWhat) {
    std::string error;
    EXPECT_FALSE(parse_talk("{", error));
    EXPECT_EQ(error, "/: not JSON");
    EXPECT_FALSE(parse_talk(R"({"format":"stagehand.talk","version":1,"slides":"forty"})", error));
    EXPECT_EQ(error, "/slides: expected a slide number 1..10000, got \"forty\"");
    EXPECT_FALSE(parse_talk(R"({"format":"stagehand.talk","version":1,"slides":10,
        "sections":[{"title":"A","first_slide":1},{"title":"B","first_slide":11}]})",
                            error));
    EXPECT_EQ(error, "/sections/1/first_slide: expected a slide number 1..10, got 11");
    EXPECT_FALSE(parse_talk(R"({"format":"stagehand.talk","version":1,"slides":10,
        "sections":[{"title":"A","first_slide":5},{"title":"B","first_slide":3}]})",
                            error));
    EXPECT_EQ(error, "/sections/1/first_slide: expected a slide after 5 (sections are in slide "
                     "order), got 3");
    EXPECT_FALSE(parse_talk(R"({"format":"stagehand.talk","version":2,"slides":10})", error));
    EXPECT_NE(error.find("version 2"), std::string::npos) << error;
    EXPECT_FALSE(
        parse_talk(R"({"format":"stagehand.talk","version":1,"slides":10,"minutes":"x"})", error));
    EXPECT_EQ(error, "/minutes: expected minutes 0..1440, got \"x\"");
}

TEST(TalkState, MovesAreClampedToTheDeck) {
    TalkState state;
    state.load(sample_talk());
    state.go_to(99);
    EXPECT_EQ(state.current(), 40) << "past the end lands on the last slide";
    state.move(+1);
    EXPECT_EQ(state.current(), 40);
    state.go_to(-3);
    EXPECT_EQ(state.current(), 1);
    state.move(-1);
    EXPECT_EQ(state.current(), 1);
    state.set_total(12);
    state.go_to(20);
    EXPECT_EQ(state.current(), 12);
    state.set_total(5);
    EXPECT_EQ(state.current(), 5) << "a shorter deck pulls the position in";
}

TEST(TalkState, SectionsAndNextUpFollowThePosition) {
    TalkState state;
    state.load(sample_talk());
    state.go_to(24);
    const TalkStatus s = state.status(0);
    EXPECT_EQ(s.section_index, 2);
    EXPECT_EQ(s.section, "Deploying");
    EXPECT_EQ(s.next_section, "Q&A");
    EXPECT_EQ(s.sections, 4);
    EXPECT_NEAR(s.progress, 23.0 / 39.0, 1e-9);
    state.go_to(38);
    EXPECT_EQ(state.status(0).next_section, "");
}

TEST(TalkState, PaceComparesThePositionWithThePlanPerSection) {
    TalkState state;
    state.load(sample_talk());
    state.timer().start(0);
    // Slide 21 starts "Deploying": the plan says 5 + 15 = 20 minutes in.
    state.go_to(21);
    TalkStatus s = state.status(18 * 60000);
    EXPECT_EQ(s.pace_ms, 2 * 60000) << "at 18 min the talk is 2 min ahead";
    EXPECT_EQ(pace_words(s.pace_ms), "2 min ahead");
    s = state.status(21 * 60000 + 30000);
    EXPECT_EQ(s.pace_ms, -90000);
    EXPECT_EQ(pace_words(s.pace_ms), "1:30 behind");
    EXPECT_TRUE(s.warning) << "more than a minute behind";
    EXPECT_FALSE(s.overtime);
    EXPECT_TRUE(state.status(41 * 60000).overtime);
    EXPECT_EQ(pace_words(10000), "on time");
}

TEST(TalkState, WithoutSectionsThePaceIsEvenOverTheSlides) {
    TalkState state;
    Talk t;
    t.slides = 20;
    t.minutes = 20;
    state.load(t);
    state.timer().start(0);
    state.go_to(11); // 10 slides done = 10 minutes planned
    EXPECT_EQ(state.status(9 * 60000).pace_ms, 60000);
}

TEST(TalkTimer, PausingForQuestionsAndResumingNeverJumps) {
    TalkTimer timer;
    timer.start(1000);
    EXPECT_EQ(timer.elapsed_ms(61000), 60000);
    timer.pause(61000);
    EXPECT_EQ(timer.elapsed_ms(500000), 60000) << "paused: the time stands";
    timer.start(500000);
    EXPECT_EQ(timer.elapsed_ms(500000), 60000) << "resuming does not jump";
    EXPECT_EQ(timer.elapsed_ms(530000), 90000);
    timer.start(530000); // a second start changes nothing
    EXPECT_EQ(timer.elapsed_ms(530000), 90000);
    // Pausing again banks this run on top of the first, not in its place.
    timer.pause(540000);
    EXPECT_EQ(timer.elapsed_ms(600000), 100000) << "60 s before the first pause + 40 s after";
    timer.start(600000);
    EXPECT_EQ(timer.elapsed_ms(610000), 110000);
    timer.pause(610000);
    timer.add_planned(5 * 60000);
    TalkState state;
    Talk t;
    t.slides = 10;
    t.minutes = 30;
    state.load(t);
    state.timer().add_planned(5 * 60000);
    EXPECT_EQ(state.status(0).planned_ms, 35 * 60000);
    timer.reset();
    EXPECT_EQ(timer.elapsed_ms(999999), 0);
    EXPECT_FALSE(timer.running());
}

TEST(TalkState, SurvivesARestartWithTheTimeThatPassed) {
    TalkState state;
    state.load(sample_talk());
    state.go_to(12);
    state.timer().start(0);
    state.timer().add_planned(60000);
    const auto saved = state.to_json(10 * 60000, 1'000'000'000);
    // OBS restarted 2 minutes (wall clock) later; its own clock starts again near zero.
    TalkState again;
    std::string error;
    ASSERT_TRUE(again.from_json(saved, 5000, 1'000'000'000 + 2 * 60000, error)) << error;
    EXPECT_EQ(again.current(), 12);
    EXPECT_EQ(again.talk().sections.size(), 4u);
    EXPECT_TRUE(again.timer().running());
    EXPECT_EQ(again.timer().elapsed_ms(5000), 12 * 60000);
    EXPECT_EQ(again.status(5000).planned_ms, 41 * 60000);
    EXPECT_FALSE(again.from_json({{"format", "other"}}, 0, 0, error));
}

TEST(TalkClock, FormatsMinutesAndHours) {
    EXPECT_EQ(clock_text(0), "0:00");
    EXPECT_EQ(clock_text(754000), "12:34");
    EXPECT_EQ(clock_text(3723000), "1:02:03");
    EXPECT_EQ(clock_text(-5), "0:00");
}

TEST(TalkPosition, ReadsWhatToolsWriteIntoAFile) {
    auto p = parse_position("12/40\n");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->current, 12);
    EXPECT_EQ(p->total, 40);
    p = parse_position(" 7 / 9 \r\n");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->current, 7);
    p = parse_position("3");
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->total);
    EXPECT_FALSE(parse_position(""));
    EXPECT_FALSE(parse_position("slide 3"));
    EXPECT_FALSE(parse_position("3/"));
    EXPECT_FALSE(parse_position("0/4"));
    EXPECT_FALSE(parse_position("3/4/5"));
}

// The demo's talk file and the schema's example stay valid talk files.
TEST(Talk, TheShippedDemoTalkParses) {
    std::ifstream in(std::string(STAGEHAND_DATA_DIR) + "/demo/talk.json");
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    const auto parsed = parse_talk(text.str(), error);
    ASSERT_TRUE(parsed) << error;
    EXPECT_EQ(parsed->sections.size(), 4u);
}
