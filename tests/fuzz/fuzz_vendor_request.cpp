// libFuzzer target: an obs-websocket vendor request as a remote client sends it: the first
// line is the request name, the rest its requestData JSON. Every answer is {"ok": ...} with an
// error when not ok, and dumps as JSON; nothing throws. The controller keeps no files (no
// store), so a request cannot write anywhere.
#include "control/controller.hpp"
#include "control/requests.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {

using namespace stagehand;

// Two code sources as OBS would list them.
class Sources : public control::CodeSources {
public:
    std::vector<control::CodeSourceSettings> list() override { return sources_; }
    bool apply(const std::string& name, const control::CodeSettingsChange& change) override {
        for (auto& s : sources_)
            if (s.name == name) {
                if (change.text)
                    s.text = *change.text;
                if (change.steps)
                    s.steps = *change.steps;
                if (change.step)
                    s.step = *change.step;
                if (change.focus)
                    s.focus = *change.focus;
                return true;
            }
        return false;
    }
    std::string kind_of(const std::string& name) override {
        for (const auto& s : sources_)
            if (s.name == name)
                return "stagehand_code";
        return {};
    }

private:
    std::vector<control::CodeSourceSettings> sources_ = {
        {"Intro", "uuid-1", "a\nb\nc\n", "", "python", "", "1 | 2-3", 1, true},
        {"Outro", "uuid-2", "x", "", "", "", "", 1, false}};
};

control::Controller& controller() {
    static control::Controller* c = [] {
        control::Controller::Options options;
        options.code = std::make_shared<Sources>();
        return new control::Controller(std::move(options));
    }();
    return *c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = bytes.find('\n');
    const std::string name(bytes.substr(0, newline));
    const auto params = newline == std::string_view::npos
                            ? nlohmann::json::object()
                            : nlohmann::json::parse(bytes.substr(newline + 1), nullptr, false);
    if (params.is_discarded())
        return 0;
    const nlohmann::json answer = control::handle_request(controller(), name, params);
    if (!answer.is_object() || !answer.contains("ok") || !answer["ok"].is_boolean())
        std::abort();
    if (!answer["ok"].get<bool>() && !answer.contains("error"))
        std::abort();
    answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
}
