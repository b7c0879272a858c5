#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace stagehand::control {

// What every command and query returns: its data, or an error a person can act on ("source
// \"Intro\" is not a code snippet"). Remote clients see it as {"ok": true, ...data} or
// {"ok": false, "error": "..."}.
struct Result {
    bool ok = true;
    std::string error;
    nlohmann::json data = nlohmann::json::object();

    static Result success(nlohmann::json data = nlohmann::json::object()) {
        return Result{true, {}, std::move(data)};
    }
    static Result failure(std::string error) {
        return Result{false, std::move(error), nlohmann::json::object()};
    }
    explicit operator bool() const { return ok; }
};

} // namespace stagehand::control
