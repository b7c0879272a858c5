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

    // The member `key` of data, or null when there is none (a failure's data is empty): for a
    // reader of a const Result, where json's operator[] is undefined for a missing key.
    const nlohmann::json& member(const char* key) const {
        static const nlohmann::json none;
        const auto found = data.find(key);
        return found != data.end() ? *found : none;
    }
};

} // namespace stagehand::control
