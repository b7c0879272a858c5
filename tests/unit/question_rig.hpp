#pragma once

// A controller with a fake chat hub and fake code sources, recording every event it sends: the
// rig of the question-domain tests (controller_questions_test, controller_chat_test).
#include "control/controller.hpp"
#include "control/requests.hpp"

#include "chat_messages.hpp"
#include "fake_chat_hub.hpp"
#include "fake_code_sources.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

namespace stagehand::testing {

// An empty folder of the system's temporary folder, named for the test and this process.
inline std::filesystem::path fresh_folder(const std::string& name) {
    auto folder = std::filesystem::temp_directory_path() /
                  ("stagehand-questions-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    return folder;
}

inline core::chat::ChatMessage message(std::string id, const std::string& author,
                                       std::string text) {
    return twitch_message(std::move(id), author, std::move(text));
}

struct QuestionRig {
    std::shared_ptr<FakeChatHub> hub = std::make_shared<FakeChatHub>();
    std::shared_ptr<control::Store> store;
    std::unique_ptr<control::Controller> controller;
    std::vector<control::Event> events;
    // Listeners run on whichever thread made the change: several at once in the threaded test.
    mutable std::mutex events_mutex;
    explicit QuestionRig(
        std::filesystem::path folder = {},
        std::chrono::milliseconds save_interval = std::chrono::seconds(1),
        std::chrono::milliseconds decision_gather = std::chrono::milliseconds(250)) {
        if (!folder.empty())
            store = std::make_shared<control::Store>(folder);
        control::Controller::Options options;
        options.code = std::make_shared<FakeCodeSources>();
        options.store = store;
        options.chat = hub;
        options.queue_save_interval = save_interval;
        options.queue_decision_gather = decision_gather;
        controller = std::make_unique<control::Controller>(std::move(options));
        controller->subscribe([this](const control::Event& e) {
            std::lock_guard lock(events_mutex);
            events.push_back(e);
        });
    }
    nlohmann::json call(const char* name, const nlohmann::json& params = nlohmann::json::object()) {
        return control::handle_request(*controller, name, params);
    }
    bool sent(const std::string& name) const {
        std::lock_guard lock(events_mutex);
        for (const auto& e : events)
            if (e.name == name)
                return true;
        return false;
    }
};

} // namespace stagehand::testing
