#pragma once

#include "control/controller.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

// The remote API: the requests obs-websocket clients (Companion, a Stream Deck, scripts) send to
// the vendor "stagehand". Their names and parameters are a contract with users' buttons and
// scripts: add to them, never rename. Pure C++ so the whole table is unit-tested; the libobs
// bridge (plugin/obs/vendor_bridge.cpp) only moves JSON in and out.
namespace stagehand::control {

inline constexpr int kRemoteApiVersion = 1;

struct RequestParam {
    std::string name;
    std::string type; // "string", "integer", "string|integer", "boolean", "id" (a question's)
    bool required;
    std::string description;
};

struct RequestSpec {
    std::string name;
    std::vector<RequestParam> params;
    std::string description;
    std::function<Result(Controller&, const nlohmann::json& params)> run;
};

// Every request, in the order get_requests lists them.
const std::vector<RequestSpec>& requests();

// Runs one request: {"ok": true, ...data} or {"ok": false, "error": "..."}. Parameters are
// checked against the table first (unknown names and wrong types are errors naming the
// parameter), except that keys starting with "_" are ignored and requests without parameters
// ignore whatever is sent: obs-websocket 5.1 refuses an empty requestData object, so a client
// that means "no parameters" may have to send a placeholder like {"_": 0}.
nlohmann::json handle_request(Controller& controller, std::string_view name,
                              const nlohmann::json& params);

} // namespace stagehand::control
