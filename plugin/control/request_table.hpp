#pragma once

#include "control/requests.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

// What the request table's parts share (requests_*.cpp, one per domain). Parameters reach a
// handler already checked against its spec, so these read without checking again.
namespace stagehand::control {

std::string string_param(const nlohmann::json& params, const char* name);
std::optional<long long> integer_param(const nlohmann::json& params, const char* name);
// "a, b,,c " as ["a", "b", "c"].
nlohmann::json comma_list(const std::string& text);
Target target(const nlohmann::json& params);
// A code source's name or UUID, as the code requests take it.
extern const RequestParam kSource;

void add_code_requests(std::vector<RequestSpec>& table);
void add_chat_requests(std::vector<RequestSpec>& table);
void add_talk_requests(std::vector<RequestSpec>& table);
void add_preset_requests(std::vector<RequestSpec>& table);

} // namespace stagehand::control
