// libFuzzer target: an obs-websocket vendor request as a remote client sends it: the first
// line is the request name, the rest its requestData JSON. Every answer is {"ok": ...} with an
// error when not ok, and dumps as JSON; nothing throws. The controller keeps no files (no
// store), so a request cannot write anywhere.
#include "control/controller.hpp"
#include "control/requests.hpp"

#include "fake_code_sources.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {

using namespace stagehand;

control::Controller::Options options() {
    control::Controller::Options o;
    auto sources = std::make_shared<stagehand::testing::FakeCodeSources>();
    sources->add(stagehand::testing::code_source("Intro", "1 | 2-3", true));
    sources->add(stagehand::testing::code_source("Outro"));
    o.code = sources;
    return o;
}

control::Controller& controller() {
    static control::Controller c(options());
    return c;
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
