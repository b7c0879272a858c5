#include "obs/script_bridge.hpp"

#include "obs/hotkeys.hpp"

#include "control/requests.hpp"
#include "core/base/cpu_cost.hpp"
#include "core/base/error_report.hpp"
#include "core/base/json_fields.hpp"

#include <callback/proc.h>
#include <obs.h>

#include <atomic>
#include <string>

namespace stagehand {

namespace {

std::atomic<bool> g_registered{false};

void on_request(void*, calldata_t* cd) noexcept {
    const core::CostMeter meter(core::CostPlace::requests);
    nlohmann::json answer = {{"ok", false}, {"error", "Stagehand is unloaded"}};
    core::run_guarded("a stagehand_request call", [&] {
        const char* name = calldata_string(cd, "request");
        const char* data = calldata_string(cd, "data");
        auto params = nlohmann::json::parse(data && *data ? data : "{}", nullptr, false);
        if (params.is_discarded()) {
            answer = {{"ok", false}, {"error", "data: expected a JSON object"}};
            return;
        }
        if (auto controller = module_controller())
            answer = control::handle_request(*controller, name ? name : "", params);
    });
    calldata_set_string(cd, "response", core::json_text(answer).c_str());
}

} // namespace

void register_script_bridge() {
    // libobs cannot remove a procedure: it is added once per process and answers "unloaded"
    // once the module's controller is gone.
    if (g_registered.exchange(true))
        return;
    proc_handler_add(obs_get_proc_handler(),
                     "void stagehand_request(in string request, in string data, "
                     "out string response)",
                     on_request, nullptr);
}

} // namespace stagehand
