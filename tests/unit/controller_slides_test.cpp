#include "control/actions.hpp"
#include "control/controller.hpp"
#include "control/requests.hpp"

#include "fake_code_sources.hpp"

#include <gtest/gtest.h>

#if !defined(_WIN32)
#include <sys/stat.h>
#endif

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace stagehand;
using nlohmann::json;

namespace {

struct Rig {
    std::int64_t now = 1000;
    std::int64_t wall = 1'700'000'000'000;
    std::shared_ptr<control::Store> store;
    std::unique_ptr<control::Controller> controller;
    std::vector<control::Event> events;
    explicit Rig(std::filesystem::path folder = {}) {
        if (!folder.empty())
            store = std::make_shared<control::Store>(folder);
        control::Controller::Options options;
        options.code = std::make_shared<stagehand::testing::FakeCodeSources>();
        options.store = store;
        options.now_ms = [this] {
            return now;
        };
        options.wall_ms = [this] {
            return wall;
        };
        controller = std::make_unique<control::Controller>(std::move(options));
        controller->subscribe([this](const control::Event& e) { events.push_back(e); });
    }
    json call(const char* name, const json& params = json::object()) {
        return control::handle_request(*controller, name, params);
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& e : events)
            out.push_back(e.name);
        return out;
    }
};

std::filesystem::path temp(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("stagehand-slides-" + name + "-" + std::to_string(::getpid()));
}

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file) << text;
}

const char* kTalk = R"({"format": "stagehand.talk", "version": 1, "title": "Talk", "slides": 10,
  "minutes": 20, "sections": [{"title": "Intro", "first_slide": 1, "minutes": 4},
  {"title": "Demo", "first_slide": 3, "minutes": 12}, {"title": "Q&A", "first_slide": 9, "minutes": 4}]})";

} // namespace

TEST(ControllerSlides, RequestsMoveThePositionClampedAndSayWhereItIs) {
    Rig rig;
    json answer = rig.call("slides_set", {{"total", 10}, {"current", 3}, {"title", "Talk"}});
    ASSERT_EQ(answer["ok"], true) << answer.dump();
    EXPECT_EQ(answer["current"], 3);
    EXPECT_EQ(rig.call("slides_next")["current"], 4);
    EXPECT_EQ(rig.call("slides_prev")["current"], 3);
    EXPECT_EQ(rig.call("slides_goto", {{"slide", 99}})["current"], 10) << "past the end: the last";
    EXPECT_EQ(rig.call("slides_next")["current"], 10);
    EXPECT_EQ(rig.call("slides_goto", {{"slide", 0}})["current"], 1);
    EXPECT_EQ(rig.call("slides_goto", {{"slide", "2"}})["ok"], false);
    EXPECT_EQ(rig.call("slides_set", {{"total", -4}})["ok"], false);
    const auto* last = control::find_action("stagehand.slides.last");
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->run(*rig.controller).data["current"], 10);
    EXPECT_EQ(rig.call("get_state")["slides"]["current"], 10);
    EXPECT_EQ(rig.call("get_state")["slides"]["total"], 10);
}

TEST(ControllerSlides, SlideChangedIsSentOnlyWhenThePositionMoves) {
    Rig rig;
    rig.call("slides_set", {{"total", 5}});
    rig.events.clear();
    rig.call("slides_goto", {{"slide", 2}});
    ASSERT_EQ(rig.events.size(), 2u);
    EXPECT_EQ(rig.events[0].name, "slide_changed");
    EXPECT_EQ(rig.events[0].data, (json{{"current", 2}, {"total", 5}, {"section", ""}}));
    rig.events.clear();
    rig.call("slides_goto", {{"slide", 2}});
    EXPECT_EQ(rig.names(), (std::vector<std::string>{"state_changed"}));
}

TEST(ControllerSlides, TheTimerRunsPausesAndTakesMoreTime) {
    Rig rig;
    const auto path = temp("talk.json");
    write(path, kTalk);
    ASSERT_EQ(rig.call("talk_load", {{"file", path.string()}})["ok"], true);
    rig.events.clear();
    rig.call("timer_start");
    ASSERT_EQ(rig.events[0].name, "timer_state_changed");
    EXPECT_EQ(rig.events[0].data["running"], true);
    EXPECT_EQ(rig.events[0].data["planned_ms"], 20 * 60000);
    rig.now += 90000;
    rig.call("timer_pause");
    rig.now += 600000; // questions for ten minutes
    json timer = rig.call("get_state")["slides"]["timer"];
    EXPECT_EQ(timer["elapsed_ms"], 90000);
    EXPECT_EQ(timer["running"], false);
    rig.call("timer_start");
    rig.now += 10000;
    EXPECT_EQ(rig.call("get_state")["slides"]["timer"]["elapsed_ms"], 100000) << "no jump";
    rig.call("timer_add", {{"seconds", 300}});
    EXPECT_EQ(rig.call("get_state")["slides"]["timer"]["planned_ms"], 25 * 60000);
    rig.call("timer_reset");
    EXPECT_EQ(rig.call("get_state")["slides"]["timer"]["elapsed_ms"], 0);
    std::filesystem::remove(path);
}

TEST(ControllerSlides, AMalformedTalkFileIsRefusedAndTheTalkStaysAsItWas) {
    Rig rig;
    const auto good = temp("good.json");
    const auto bad = temp("bad.json");
    write(good, kTalk);
    write(bad, R"({"format": "stagehand.talk", "version": 1, "slides": 10,
                   "sections": [{"title": "A", "first_slide": 0}]})");
    ASSERT_EQ(rig.call("talk_load", {{"file", good.string()}})["ok"], true);
    rig.call("slides_goto", {{"slide", 4}});
    const json refused = rig.call("talk_load", {{"file", bad.string()}});
    EXPECT_EQ(refused["ok"], false);
    EXPECT_EQ(refused["error"], bad.string() + ": /sections/0/first_slide: expected a slide number "
                                               "1..10, got 0");
    const json state = rig.call("get_state")["slides"];
    EXPECT_EQ(state["section"], "Demo") << "the last good talk is kept";
    EXPECT_EQ(state["current"], 4);
    EXPECT_EQ(rig.call("talk_load", {{"file", "talk.json"}})["ok"], false);
    const std::string nowhere = temp("nonexistent-folder/talk.json").string();
    EXPECT_EQ(rig.call("talk_load", {{"file", nowhere}})["error"],
              "file \"" + nowhere + "\" does not exist");
#if !defined(_WIN32) // no /dev and no FIFOs in folders on Windows
    // A remote client's path to something that is no talk file: refused without reading it.
    EXPECT_EQ(rig.call("talk_load", {{"file", "/dev/zero"}})["error"],
              "file \"/dev/zero\" is not a regular file");
    const auto pipe = temp("talk.pipe");
    std::filesystem::remove(pipe);
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    EXPECT_EQ(rig.call("talk_load", {{"file", pipe.string()}})["error"],
              "file \"" + pipe.string() + "\" is not a regular file");
    std::filesystem::remove(pipe);
#endif
    write(bad, std::string(2u * 1024u * 1024u, ' '));
    EXPECT_EQ(rig.call("talk_load", {{"file", bad.string()}})["error"],
              "file \"" + bad.string() + "\" is 2.0 MB; at most 1.0 MB is read");
    EXPECT_EQ(rig.call("get_state")["slides"]["section"], "Demo");
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
}

TEST(ControllerSlides, ThePositionTalkAndTimerSurviveARestart) {
    const auto folder = temp("restart");
    std::filesystem::remove_all(folder);
    const auto path = temp("restart-talk.json");
    write(path, kTalk);
    {
        Rig rig(folder);
        rig.call("talk_load", {{"file", path.string()}});
        rig.call("slides_goto", {{"slide", 5}});
        rig.call("timer_start");
        rig.now += 120000;
        rig.wall += 120000;
        rig.call("slides_next"); // saved with 2 minutes on the timer
        rig.controller->flush();
    }
    Rig again(folder);
    again.now = 50;                          // OBS's clock starts again
    again.wall = 1'700'000'000'000 + 180000; // a minute after the save
    // The controller read the store at construction, with the rig's clocks then; check through
    // a fresh controller made after setting them.
    again.controller.reset();
    {
        control::Controller::Options options;
        options.code = std::make_shared<stagehand::testing::FakeCodeSources>();
        options.store = again.store;
        options.now_ms = [&again] {
            return again.now;
        };
        options.wall_ms = [&again] {
            return again.wall;
        };
        again.controller = std::make_unique<control::Controller>(std::move(options));
    }
    const json slides = again.call("get_state")["slides"];
    EXPECT_EQ(slides["current"], 6);
    EXPECT_EQ(slides["section"], "Demo");
    EXPECT_EQ(slides["timer"]["running"], true);
    EXPECT_EQ(slides["timer"]["elapsed_ms"], 180000) << "2 min counted + 1 min while OBS was down";
    std::filesystem::remove_all(folder);
    std::filesystem::remove(path);
}
