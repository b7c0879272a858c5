#include "control/controller.hpp"
#include "control/event_bus.hpp"
#include "control/requests.hpp"

#include "fake_code_sources.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <set>

#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace stagehand;
using nlohmann::json;
using stagehand::testing::code_source;
using stagehand::testing::FakeClipboard;
using stagehand::testing::FakeCodeSources;
using stagehand::testing::live;

namespace {

struct Fixture {
    std::shared_ptr<FakeCodeSources> sources = std::make_shared<FakeCodeSources>();
    std::shared_ptr<FakeClipboard> clipboard = std::make_shared<FakeClipboard>();
    std::shared_ptr<control::Controller> controller;
    std::vector<control::Event> events;
    std::mutex events_mutex;

    explicit Fixture(std::shared_ptr<control::Store> store = nullptr) {
        control::Controller::Options options;
        options.code = sources;
        options.clipboard = clipboard;
        options.store = std::move(store);
        options.version = "9.8.7";
        controller = std::make_shared<control::Controller>(std::move(options));
        controller->subscribe([this](const control::Event& e) {
            std::lock_guard lock(events_mutex);
            events.push_back(e);
        });
    }
    std::vector<std::string> event_names() {
        std::lock_guard lock(events_mutex);
        std::vector<std::string> names;
        for (const auto& e : events)
            names.push_back(e.name);
        return names;
    }
};

std::filesystem::path fresh_folder(const std::string& name) {
    auto folder = std::filesystem::temp_directory_path() /
                  ("stagehand-controller-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    return folder;
}

} // namespace

// A fresh snippet must not appear with all but one line dimmed by the previous one's steps.
// What a reader of a const Result (the dock) takes a member with: json's operator[] on a const
// object is undefined for a missing key, and a failure's data is empty.
TEST(Result, AMemberIsTheDatasOwnOrNullWhenThereIsNone) {
    const control::Result listed = control::Result::success({{"questions", json::array({1, 2})}});
    EXPECT_EQ(listed.member("questions"), json::array({1, 2}));
    EXPECT_EQ(&listed.member("questions"), &*listed.data.find("questions")) << "not a copy";
    EXPECT_TRUE(listed.member("featured").is_null());
    const control::Result failed = control::Result::failure("no queue");
    EXPECT_TRUE(failed.member("questions").is_null());
    EXPECT_EQ(failed.member("questions").size(), 0u);
    const control::Result odd{true, {}, json::array({1})}; // data that is not an object
    EXPECT_TRUE(odd.member("questions").is_null());
}

TEST(Controller, NewTextStartsWithoutThePreviousSnippetsStepsFocusAndMarks) {
    Fixture f;
    auto src = code_source("Intro", "1 | 2 | 3");
    src.step = 3;
    src.focus = "2";
    f.sources->add(src);
    ASSERT_TRUE(f.controller->execute(control::CodeShow{{"Intro"}, "new\ncode\n", ""}).ok);
    auto shown = live(*f.controller, "Intro");
    EXPECT_EQ(shown->steps, "");
    EXPECT_EQ(shown->focus, "");
    EXPECT_EQ(shown->step, 1);
    EXPECT_TRUE(f.sources->last_change()->clear_marks);

    // The same text again is no new snippet: what was set on it stays.
    ASSERT_TRUE(f.controller->execute(control::CodeFocus{{"Intro"}, "1"}).ok);
    ASSERT_TRUE(f.controller->execute(control::CodeShow{{"Intro"}, "new\ncode\n", ""}).ok);
    EXPECT_EQ(live(*f.controller, "Intro")->focus, "1");
    EXPECT_FALSE(f.sources->last_change()->clear_marks);

    // New text with its own steps, focus and step, as code_show takes them.
    const json answer = control::handle_request(*f.controller, "code_show",
                                                {{"source", "Intro"},
                                                 {"text", "a\nb\nc\nd\n"},
                                                 {"steps", "1-2 | 3-4"},
                                                 {"focus", "4"},
                                                 {"step", 2}});
    ASSERT_EQ(answer["ok"], true) << answer.dump();
    shown = live(*f.controller, "Intro");
    EXPECT_EQ(shown->steps, "1-2 | 3-4");
    EXPECT_EQ(shown->focus, "4");
    EXPECT_EQ(shown->step, 2);
    const json past = control::handle_request(
        *f.controller, "code_show",
        {{"source", "Intro"}, {"text", "x"}, {"steps", "1 | 2"}, {"step", 3}});
    EXPECT_EQ(past["error"], "step 3: expected 1 to 2");
    EXPECT_EQ(f.sources->get("Intro")->steps, "1-2 | 3-4") << "a refused show changes nothing";
}

TEST(Controller, ShowsTextInTheNamedSourceAndStopsFollowingItsFile) {
    Fixture f;
    auto src = code_source("Intro");
    src.file = "/tmp/main.py";
    f.sources->add(src);
    f.sources->add(code_source("Other"));
    const auto result = f.controller->execute(control::CodeShow{{"Intro"}, "x = 1\n", "py"});
    ASSERT_TRUE(result.ok) << result.error;
    const auto intro = f.sources->get("Intro");
    EXPECT_EQ(intro->text, "x = 1\n");
    EXPECT_EQ(intro->file, "");
    EXPECT_EQ(intro->language, "python") << "aliases are stored as the language id";
    EXPECT_EQ(f.sources->get("Other")->text, "a\nb\nc\n") << "other sources are untouched";
    EXPECT_EQ(result.data["source"], "Intro");
}

TEST(Controller, FindsSourcesByUuidToo) {
    Fixture f;
    f.sources->add(code_source("Intro"));
    ASSERT_TRUE(f.controller->execute(control::CodeShow{{"uuid-Intro"}, "y", ""}).ok);
    EXPECT_EQ(f.sources->get("Intro")->text, "y");
    EXPECT_EQ(f.sources->get("Intro")->language, "auto") << "no language given: kept";
}

TEST(Controller, BadTargetsAndArgumentsAreRefusedWithAReasonAndChangeNothing) {
    Fixture f;
    f.sources->add(code_source("Intro", "1 | 2 | 3"));
    f.sources->add_other("Agenda", "stagehand_slides");
    const auto not_code = f.controller->execute(control::CodeShow{{"Agenda"}, "x", ""});
    EXPECT_FALSE(not_code.ok);
    EXPECT_EQ(not_code.error, "source \"Agenda\" is not a code snippet (it is a stagehand_slides)");
    const auto missing = f.controller->execute(control::CodeStep{{"Outro"}, 2, std::nullopt});
    EXPECT_EQ(missing.error, "there is no source named \"Outro\" (code snippets: \"Intro\")");
    const auto past = f.controller->execute(control::CodeStep{{"Intro"}, 7, std::nullopt});
    EXPECT_EQ(past.error, "step 7 is past the last step (3)");
    const auto zero = f.controller->execute(control::CodeStep{{"Intro"}, 0, std::nullopt});
    EXPECT_FALSE(zero.ok);
    const auto both = f.controller->execute(control::CodeStep{{"Intro"}, 1, 1});
    EXPECT_FALSE(both.ok);
    const auto neither = f.controller->execute(control::CodeStep{{"Intro"}, {}, {}});
    EXPECT_FALSE(neither.ok);
    const auto language = f.controller->execute(control::CodeShow{{"Intro"}, "x", "klingon"});
    EXPECT_NE(language.error.find("unknown language \"klingon\""), std::string::npos)
        << language.error;
    const auto lines = f.controller->execute(control::CodeFocus{{"Intro"}, "3-x"});
    EXPECT_NE(lines.error.find("3-x"), std::string::npos) << lines.error;
    const auto relative = f.controller->execute(control::CodeFollow{{"Intro"}, "src/main.py"});
    EXPECT_NE(relative.error.find("absolute path"), std::string::npos) << relative.error;
    // Absolute on this system ("/tmp/..." on Linux, "C:\\...\\Temp\\..." on Windows).
    const std::string nowhere =
        (std::filesystem::temp_directory_path() / "nonexistent-stagehand" / "x.py").string();
    const auto absent = f.controller->execute(control::CodeFollow{{"Intro"}, nowhere});
    EXPECT_EQ(absent.error, "file \"" + nowhere + "\" does not exist");
    const std::string a_folder = std::filesystem::temp_directory_path().string();
    const auto folder = f.controller->execute(control::CodeFollow{{"Intro"}, a_folder});
    EXPECT_EQ(folder.error, "file \"" + a_folder + "\" is not a regular file");
    EXPECT_EQ(f.sources->changes(), 0u);
    EXPECT_TRUE(f.event_names().empty());
    EXPECT_EQ(f.controller->revision(), 0u);
}

TEST(Controller, StepsGoToAndMoveClampedAndSayWhenThereAreNone) {
    Fixture f;
    f.sources->add(code_source("Intro", "1 | 2 | 3"));
    f.sources->add(code_source("Plain"));
    auto r = f.controller->execute(control::CodeStep{{"Intro"}, 3, std::nullopt});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(live(*f.controller, "Intro")->step, 3);
    EXPECT_EQ(r.data["step"], 3);
    EXPECT_EQ(r.data["steps"], 3);
    r = f.controller->execute(control::CodeStep{{"Intro"}, std::nullopt, +5});
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(live(*f.controller, "Intro")->step, 3) << "Next on the last step stays there";
    r = f.controller->execute(control::CodeStep{{"Intro"}, std::nullopt, -10});
    EXPECT_EQ(live(*f.controller, "Intro")->step, 1);
    const auto none = f.controller->execute(control::CodeStep{{"Plain"}, std::nullopt, 1});
    EXPECT_EQ(none.error,
              "source \"Plain\" has no steps (set Steps in its properties, like 1-3 | 4-6)");
}

TEST(Controller, AStepOutsideTheListInTheSettingsIsReadClamped) {
    Fixture f;
    auto src = code_source("Intro", "1 | 2");
    src.step = 9; // typed in the properties before the list shrank
    f.sources->add(src);
    EXPECT_EQ(f.controller->state().code[0].step, 2u);
    EXPECT_FALSE(f.controller->execute(control::CodeStep{{}, std::nullopt, -1}).ok)
        << "nothing chosen and nothing on the program output";
    ASSERT_TRUE(f.controller->execute(control::CodeStep{{"Intro"}, std::nullopt, -1}).ok);
    EXPECT_EQ(live(*f.controller, "Intro")->step, 1);
}

TEST(Controller, FocusFollowAndClipboardChangeTheSource) {
    Fixture f;
    f.sources->add(code_source("Intro"));
    ASSERT_TRUE(f.controller->execute(control::CodeFocus{{"Intro"}, "2-3"}).ok);
    EXPECT_EQ(live(*f.controller, "Intro")->focus, "2-3");
    ASSERT_TRUE(f.controller->execute(control::CodeFocus{{"Intro"}, ""}).ok);
    EXPECT_EQ(live(*f.controller, "Intro")->focus, "");

    const auto folder = std::filesystem::temp_directory_path();
    const auto file = folder / ("stagehand-follow-" + std::to_string(::getpid()) + ".py");
    { std::ofstream(file) << "print(1)\n"; }
    ASSERT_TRUE(f.controller->execute(control::CodeFollow{{"Intro"}, file.string()}).ok);
    EXPECT_EQ(f.sources->get("Intro")->file, file.string());
    std::filesystem::remove(file);

    f.clipboard->contents = "fn main() {}\n";
    const auto shown = f.controller->execute(control::CodeShowClipboard{{"Intro"}, "rust"});
    ASSERT_TRUE(shown.ok) << shown.error;
    EXPECT_EQ(f.sources->get("Intro")->text, "fn main() {}\n");
    EXPECT_EQ(f.sources->get("Intro")->language, "rust");
    EXPECT_EQ(f.sources->get("Intro")->file, "");

    f.clipboard->contents = "";
    const auto empty = f.controller->execute(control::CodeShowClipboard{{"Intro"}, ""});
    EXPECT_EQ(empty.error, "the clipboard holds no text: copy some code first");
    f.clipboard->contents = std::nullopt;
    EXPECT_FALSE(f.controller->execute(control::CodeShowClipboard{{"Intro"}, ""}).ok);
    EXPECT_EQ(f.sources->get("Intro")->text, "fn main() {}\n") << "a failed paste keeps the code";
}

TEST(Controller, WithoutATargetActsOnTheChosenSourceElseTheFirstOnTheProgram) {
    Fixture f;
    f.sources->add(code_source("Backstage", "1 | 2", false));
    f.sources->add(code_source("Live", "1 | 2", true));
    f.sources->add(code_source("Also live", "1 | 2", true));
    ASSERT_TRUE(f.controller->execute(control::CodeStep{{}, std::nullopt, 1}).ok);
    EXPECT_EQ(live(*f.controller, "Live")->step, 2);
    EXPECT_EQ(live(*f.controller, "Also live")->step, 1);
    ASSERT_TRUE(f.controller->execute(control::ChooseCodeSource{"Backstage"}).ok);
    ASSERT_TRUE(f.controller->execute(control::CodeStep{{}, std::nullopt, 1}).ok);
    EXPECT_EQ(live(*f.controller, "Backstage")->step, 2);
    EXPECT_FALSE(f.controller->execute(control::ChooseCodeSource{"Nope"}).ok);
    EXPECT_EQ(f.controller->state().chosen_code_source, "Backstage");
    // The chosen source is removed: back to the program output.
    f.sources->remove("Backstage");
    ASSERT_TRUE(f.controller->execute(control::CodeShow{{}, "z", ""}).ok);
    EXPECT_EQ(f.sources->get("Live")->text, "z");
}

TEST(Controller, NoCodeSourceAtAllIsAClearError) {
    Fixture f;
    const auto r = f.controller->execute(control::CodeShow{{}, "x", ""});
    EXPECT_EQ(r.error, "there is no code snippet source: add a Code Snippet (Stagehand) source "
                       "to a scene first");
}

TEST(Controller, EveryChangeEmitsStateChangedWithANewRevisionAndStepsSayTheirStep) {
    Fixture f;
    f.sources->add(code_source("Intro", "1 | 2 | 3"));
    ASSERT_TRUE(f.controller->execute(control::CodeStep{{"Intro"}, 2, std::nullopt}).ok);
    ASSERT_TRUE(f.controller->execute(control::CodeFocus{{"Intro"}, "2"}).ok);
    ASSERT_EQ(f.events.size(), 3u);
    EXPECT_EQ(f.events[0].name, "state_changed");
    EXPECT_EQ(f.events[0].data["area"], "code");
    EXPECT_EQ(f.events[0].data["revision"], 1);
    EXPECT_EQ(f.events[1].name, "code_step_changed");
    EXPECT_EQ(f.events[1].data, (nlohmann::json{{"source", "Intro"}, {"step", 2}, {"steps", 3}}));
    EXPECT_EQ(f.events[2].name, "state_changed");
    EXPECT_EQ(f.events[2].data["revision"], 2);
    EXPECT_EQ(f.controller->state().revision, 2u);
    // A step that goes nowhere changes nothing and says nothing.
    ASSERT_TRUE(f.controller->execute(control::CodeStep{{"Intro"}, 2, std::nullopt}).ok);
    EXPECT_EQ(f.events.size(), 3u);
    // Step and focus are live state: published for the source, never written into its settings.
    EXPECT_EQ(f.sources->changes(), 0u);
    const auto live = f.controller->code_live();
    const auto* intro =
        live->find(control::code_source_key("Intro", f.sources->get("Intro")->uuid));
    ASSERT_NE(intro, nullptr);
    EXPECT_EQ(intro->step, 2);
    EXPECT_EQ(intro->focus, std::optional<std::string>("2"));
    EXPECT_EQ(intro->revision, 2u) << "what the source compares to know it must redraw";
}

// The live step and focus outlive OBS (control.json); a step an older version kept in the
// settings counts until the first step here; a removed source's state is not kept forever.
TEST(Controller, LiveStepAndFocusSurviveARestartAndOldSettingsStepsStillCount) {
    const auto folder = fresh_folder("live");
    {
        Fixture f(std::make_shared<control::Store>(folder));
        auto old = code_source("Old", "1 | 2 | 3");
        old.step = 3; // written by an older version into the settings
        f.sources->add(old);
        f.sources->add(code_source("Intro", "1 | 2 | 3"));
        f.sources->add(code_source("Gone", "1 | 2"));
        EXPECT_EQ(live(*f.controller, "Old")->step, 3);
        ASSERT_TRUE(f.controller->execute(control::CodeStep{{"Gone"}, 2, std::nullopt}).ok);
        f.sources->remove("Gone");
        ASSERT_TRUE(f.controller->execute(control::CodeStep{{"Intro"}, 3, std::nullopt}).ok);
        ASSERT_TRUE(f.controller->execute(control::CodeFocus{{"Intro"}, "4-5"}).ok);
        f.controller->flush();
    }
    Fixture again(std::make_shared<control::Store>(folder));
    again.sources->add(code_source("Intro", "1 | 2 | 3"));
    again.sources->add(code_source("Gone", "1 | 2"));
    EXPECT_EQ(live(*again.controller, "Intro")->step, 3);
    EXPECT_EQ(live(*again.controller, "Intro")->focus, "4-5");
    EXPECT_EQ(live(*again.controller, "Gone")->step, 1)
        << "a source that was gone at the last save left nothing behind";
    again.controller->flush();
    std::filesystem::remove_all(folder);
}

TEST(Controller, AListenerMayCallBackIntoTheControllerAndOneThatThrowsHarmsNothing) {
    Fixture f;
    f.sources->add(code_source("Intro", "1 | 2 | 3"));
    std::uint64_t seen_revision = 0;
    f.controller->subscribe([&](const control::Event&) {
        seen_revision = f.controller->state().revision; // would deadlock under the lock
    });
    f.controller->subscribe([](const control::Event&) { throw std::runtime_error("listener"); });
    ASSERT_TRUE(f.controller->execute(control::CodeStep{{"Intro"}, 2, std::nullopt}).ok);
    EXPECT_EQ(seen_revision, 1u);
}

TEST(Controller, UnsubscribedListenersHearNothingMore) {
    Fixture f;
    f.sources->add(code_source("Intro"));
    int heard = 0;
    const auto id = f.controller->subscribe([&](const control::Event&) { ++heard; });
    ASSERT_TRUE(f.controller->execute(control::CodeShow{{"Intro"}, "1", ""}).ok);
    f.controller->unsubscribe(id);
    ASSERT_TRUE(f.controller->execute(control::CodeShow{{"Intro"}, "2", ""}).ok);
    EXPECT_EQ(heard, 1);
}

// Hotkeys, the dock and remote requests call from different threads at once: every step must
// count (a read-modify-write race would lose some), and revisions must be unique.
TEST(Controller, ConcurrentCommandsFromSeveralThreadsLoseNothing) {
    Fixture f;
    std::string steps;
    for (int i = 1; i <= 1000; ++i)
        steps += (i > 1 ? " | " : "") + std::to_string(i);
    f.sources->add(code_source("Intro", steps));
    constexpr int kThreads = 4;
    constexpr int kEach = 100;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                if (!f.controller->execute(control::CodeStep{{"Intro"}, std::nullopt, 1}).ok)
                    ++failures;
                (void)f.controller->state();
            }
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(live(*f.controller, "Intro")->step, 1 + kThreads * kEach);
    EXPECT_EQ(f.controller->revision(), static_cast<std::uint64_t>(kThreads * kEach));
    std::set<std::uint64_t> revisions;
    for (const auto& e : f.events)
        if (e.name == "state_changed")
            revisions.insert(e.data["revision"].get<std::uint64_t>());
    EXPECT_EQ(revisions.size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST(Controller, TheDocksChoiceSurvivesARestartThroughTheStore) {
    const auto folder = fresh_folder("choice");
    {
        Fixture f(std::make_shared<control::Store>(folder));
        f.sources->add(code_source("Intro"));
        f.sources->add(code_source("Outro"));
        ASSERT_TRUE(f.controller->execute(control::ChooseCodeSource{"Outro"}).ok);
    }
    Fixture again(std::make_shared<control::Store>(folder));
    again.sources->add(code_source("Intro"));
    again.sources->add(code_source("Outro"));
    EXPECT_EQ(again.controller->state().chosen_code_source, "Outro");
    ASSERT_TRUE(again.controller->execute(control::CodeShow{{}, "last", ""}).ok);
    EXPECT_EQ(again.sources->get("Outro")->text, "last");
    again.controller->flush();
    std::filesystem::remove_all(folder);
}

TEST(Controller, StateListsEachCodeSourceWithItsStepAndFile) {
    Fixture f;
    auto a = code_source("A", "1 | 2 | 3", true);
    a.step = 2;
    a.file = "/tmp/a.rs";
    a.language = "rust";
    f.sources->add(a);
    f.sources->add(code_source("B"));
    const auto state = control::to_json(f.controller->state());
    ASSERT_EQ(state["code"].size(), 2u);
    EXPECT_EQ(state["code"][0]["name"], "A");
    EXPECT_EQ(state["code"][0]["step"], 2);
    EXPECT_EQ(state["code"][0]["steps"], 3);
    EXPECT_EQ(state["code"][0]["file"], "/tmp/a.rs");
    EXPECT_EQ(state["code"][0]["language"], "rust");
    EXPECT_EQ(state["code"][0]["on_program"], true);
    EXPECT_EQ(state["code"][1]["steps"], 0);
    EXPECT_EQ(state["code"][1]["step"], 0);
}

// Announcements that only say "look again" are made once, where their last one was, and the
// latest revision wins; everything else is kept in order.
TEST(EventBus, CoalescedKeepsTheLastLookAgainOfEachKindInPlace) {
    using stagehand::control::Event;
    const std::vector<Event> events = {
        {"questions_changed", {{"revision", 1}}},
        stagehand::control::state_changed("questions", 1),
        {"question_featured", {{"id", 4}}},
        {"questions_changed", {{"revision", 2}}},
        stagehand::control::state_changed("slides", 7),
        stagehand::control::state_changed("questions", 2),
        {"question_featured", {{"id", nullptr}}},
    };
    const std::vector<Event> kept = stagehand::control::coalesced(events);
    ASSERT_EQ(kept.size(), 5u);
    EXPECT_EQ(kept[0].name, "question_featured");
    EXPECT_EQ(kept[0].data["id"], 4);
    EXPECT_EQ(kept[1].name, "questions_changed");
    EXPECT_EQ(kept[1].data["revision"], 2);
    EXPECT_EQ(kept[2].data["area"], "slides");
    EXPECT_EQ(kept[3].data["area"], "questions");
    EXPECT_EQ(kept[3].data["revision"], 2);
    EXPECT_TRUE(kept[4].data["id"].is_null());
}
