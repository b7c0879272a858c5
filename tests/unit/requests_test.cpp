#include "control/actions.hpp"
#include "control/requests.hpp"
#include "core/base/cpu_cost.hpp"
#include "core/base/json_fields.hpp"
#include "core/base/memory_release.hpp"

#include "fake_code_sources.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace stagehand;
using nlohmann::json;
using stagehand::testing::code_source;
using stagehand::testing::FakeClipboard;
using stagehand::testing::FakeCodeSources;
using stagehand::testing::live;

namespace {

struct Remote {
    std::shared_ptr<FakeCodeSources> sources = std::make_shared<FakeCodeSources>();
    std::shared_ptr<FakeClipboard> clipboard = std::make_shared<FakeClipboard>();
    control::Controller controller{options(sources, clipboard)};
    static control::Controller::Options options(std::shared_ptr<FakeCodeSources> s,
                                                std::shared_ptr<FakeClipboard> c) {
        control::Controller::Options o;
        o.code = std::move(s);
        o.clipboard = std::move(c);
        o.version = "1.2.3";
        return o;
    }
    json call(const char* name, const json& params = json::object()) {
        return control::handle_request(controller, name, params);
    }
};

} // namespace

// The request names are a contract with users' Companion buttons and scripts (issue #8).
TEST(Requests, TheDocumentedRequestsExistAndGetRequestsListsEveryOne) {
    Remote r;
    const json listed = r.call("get_requests");
    ASSERT_EQ(listed["ok"], true);
    std::set<std::string> names;
    for (const auto& request : listed["requests"]) {
        names.insert(request["name"].get<std::string>());
        EXPECT_FALSE(request["description"].get<std::string>().empty()) << request["name"];
        for (const auto& p : request["params"]) {
            EXPECT_TRUE(p.contains("name") && p.contains("type") && p.contains("required"));
            EXPECT_FALSE(p["description"].get<std::string>().empty());
        }
    }
    EXPECT_EQ(names.size(), control::requests().size());
    for (const char* expected : {"get_version", "get_requests", "get_state", "code_show",
                                 "code_show_clipboard", "code_follow", "code_step", "code_focus"})
        EXPECT_TRUE(names.count(expected)) << expected;
}

TEST(Requests, GetVersionSaysThePluginsVersionAndTheApi) {
    Remote r;
    EXPECT_EQ(r.call("get_version"), (json{{"ok", true}, {"version", "1.2.3"}, {"api", 1}}));
}

// get_cost answers every place the plugin measures, with CPU milliseconds and call counts, and
// how many times the heap was trimmed.
TEST(Requests, GetCostAnswersEveryMeasuredPlace) {
    Remote r;
    { const stagehand::core::CostMeter meter(stagehand::core::CostPlace::tick); }
    const json cost = r.call("get_cost");
    ASSERT_EQ(cost["ok"], true);
    for (const char* place : {"draw", "tick", "dock", "events", "requests"}) {
        ASSERT_TRUE(cost["places"].contains(place)) << place;
        EXPECT_GE(cost["places"][place]["cpu_ms"].get<double>(), 0.0);
    }
    EXPECT_GE(cost["places"]["tick"]["calls"].get<std::uint64_t>(), 1u);
    EXPECT_EQ(cost["memory_trims"].get<std::size_t>(), stagehand::core::memory::trims());
    EXPECT_GE(cost["memory_trim_ms"].get<double>(), cost["memory_trim_longest_ms"].get<double>());
}

// obs-websocket 5.1 refuses an empty requestData object, so a Companion button may send a
// placeholder: requests without parameters ignore it.
TEST(Requests, RequestsWithoutParametersIgnoreAPlaceholder) {
    Remote r;
    EXPECT_EQ(r.call("get_version", {{"_", 0}})["ok"], true);
}

TEST(Requests, CodeRequestsChangeTheSourceAndAnswerWithItsState) {
    Remote r;
    r.sources->add(code_source("Intro", "1-2 | 3", true));
    json answer = r.call("code_step", {{"delta", 1}});
    EXPECT_EQ(answer["ok"], true) << answer.dump();
    EXPECT_EQ(answer["step"], 2);
    EXPECT_EQ(answer["steps"], 2);
    EXPECT_EQ(live(r.controller, "Intro")->step, 2);
    answer = r.call("code_step", {{"source", "Intro"}, {"step", 1}});
    EXPECT_EQ(live(r.controller, "Intro")->step, 1);
    answer = r.call("code_show", {{"text", "let x = 1;"}, {"language", "TypeScript"}});
    EXPECT_EQ(answer["ok"], true) << answer.dump();
    EXPECT_EQ(r.sources->get("Intro")->text, "let x = 1;");
    EXPECT_EQ(r.sources->get("Intro")->language, "typescript");
    answer = r.call("code_focus", {{"lines", 2}});
    EXPECT_EQ(answer["ok"], true) << answer.dump();
    EXPECT_EQ(live(r.controller, "Intro")->focus, "2") << "a number is a one-line focus";
    r.clipboard->contents = "SELECT 1;";
    answer = r.call("code_show_clipboard", {{"language", "sql"}});
    EXPECT_EQ(answer["ok"], true) << answer.dump();
    EXPECT_EQ(r.sources->get("Intro")->text, "SELECT 1;");
    const json state = r.call("get_state");
    EXPECT_EQ(state["ok"], true);
    EXPECT_EQ(state["code"][0]["name"], "Intro");
    // New text came without steps: none are left from the first snippet.
    EXPECT_EQ(state["code"][0]["step"], 0);
    EXPECT_EQ(state["code"][0]["steps"], 0);
    EXPECT_EQ(state["code"][0]["language"], "sql");
    EXPECT_EQ(state["revision"], 5);
}

TEST(Requests, MistakesAreAnsweredWithWhatWasWrong) {
    Remote r;
    r.sources->add(code_source("Intro", "1 | 2 | 3", true));
    auto error = [&](const char* name, const json& params) {
        const json answer = r.call(name, params);
        EXPECT_EQ(answer["ok"], false) << answer.dump();
        EXPECT_EQ(answer.size(), 2u) << "only ok and error: " << answer.dump();
        return answer.value("error", std::string());
    };
    EXPECT_EQ(error("code_step", {{"step", 7}}), "step 7 is past the last step (3)");
    EXPECT_EQ(error("code_step", {{"step", "2"}}),
              "\"step\" must be an integer, got a string \"2\"");
    EXPECT_EQ(error("code_show", {{"sourc", "Intro"}, {"text", "x"}}),
              "unknown parameter \"sourc\" (code_show takes source, text, language, steps, focus, "
              "step)");
    EXPECT_EQ(error("code_show", json::object()), "missing parameter \"text\" (the code to show)");
    EXPECT_EQ(error("code_follow", {{"file", 3}}), "\"file\" must be a string, got an integer 3");
    EXPECT_EQ(error("no_such_thing", json::object()),
              "unknown request \"no_such_thing\" (get_requests lists them)");
    EXPECT_EQ(error("code_show", json::array()), "requestData must be an object, got an array");
    EXPECT_EQ(r.sources->changes(), 0u);
}

// The same action through each path (a remote request, a hotkey's action, a direct command as
// the dock sends it) leaves the same state. The dock's own path is covered in the ui tests.
TEST(Requests, RemoteHotkeyAndCommandPathsReachTheSameState) {
    auto run = [](const std::function<void(control::Controller&)>& drive) {
        Remote r;
        r.sources->add(code_source("Intro", "1 | 2 | 3", true));
        r.clipboard->contents = "print('hi')";
        drive(r.controller);
        return *live(r.controller, "Intro");
    };
    const auto remote = run([](control::Controller& c) {
        control::handle_request(c, "code_step", {{"delta", 1}});
        control::handle_request(c, "code_show_clipboard", {{"_", 0}});
    });
    const auto hotkeys = run([](control::Controller& c) {
        const control::Action* next = control::find_action("stagehand.dock.next_step");
        const control::Action* paste = control::find_action("stagehand.dock.show_clipboard");
        ASSERT_TRUE(next && paste);
        next->run(c);
        paste->run(c);
    });
    const auto direct = run([](control::Controller& c) {
        c.execute(control::CodeStep{{"Intro"}, std::nullopt, 1});
        c.execute(control::CodeShowClipboard{{"Intro"}, ""});
    });
    for (const auto& s : {remote, hotkeys}) {
        // Stepped to 2, then new text from the clipboard: it starts without the old steps.
        EXPECT_EQ(s.step, 1);
        EXPECT_EQ(s.steps, "");
        EXPECT_EQ(s.step, direct.step);
        EXPECT_EQ(s.text, "print('hi')");
        EXPECT_EQ(s.text, direct.text);
    }
}

// A request name or value with invalid UTF-8 (a script's bytes) gets an answer that can be
// written as JSON: the bridges send it with core::json_text, which never throws.
TEST(Requests, InvalidUtf8InARequestIsAnsweredNotThrown) {
    Remote r;
    const json answer = r.call("code_sh\xFFow", {{"x", 1}});
    EXPECT_EQ(answer["ok"], false);
    EXPECT_THROW(answer.dump(), json::type_error) << "the plain dump would have thrown";
    std::string text;
    ASSERT_NO_THROW(text = stagehand::core::json_text(answer));
    EXPECT_NE(text.find("code_sh\xEF\xBF\xBDow"), std::string::npos) << text;
    const json bad_value = r.call("code_focus", {{"lines", 3.5}, {"source", "caf\xC3"}});
    EXPECT_NO_THROW(stagehand::core::json_text(bad_value));
}
