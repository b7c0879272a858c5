#include "control/requests.hpp"

#include "control/request_table.hpp"

#include "core/base/cpu_cost.hpp"
#include "core/base/json_fields.hpp"
#include "core/base/memory_release.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace stagehand::control {

namespace {

using nlohmann::json;

std::string type_name(const json& value) {
    if (value.is_string())
        return "a string";
    if (value.is_number_integer() || value.is_number_unsigned())
        return "an integer";
    if (value.is_number())
        return "a number";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_null())
        return "null";
    if (value.is_array())
        return "an array";
    return "an object";
}

// A question's id: what the queue counts with. A larger number names no question, and must not
// wrap round to one that exists.
constexpr long long kLargestId = std::numeric_limits<int>::max();

bool has_type(const json& value, std::string_view type) {
    // Integers that fit a signed 64-bit number: 2^64-1 must not become -1.
    const bool integer = value.is_number_integer() &&
                         (!value.is_number_unsigned() ||
                          value.get<std::uint64_t>() <=
                              static_cast<std::uint64_t>(std::numeric_limits<long long>::max()));
    if (type == "id")
        return integer && value.get<long long>() >= 1 && value.get<long long>() <= kLargestId;
    if (type == "string")
        return value.is_string();
    if (type == "integer")
        return integer;
    if (type == "string|integer")
        return value.is_string() || integer;
    if (type == "boolean")
        return value.is_boolean();
    return false;
}

std::string expected(std::string_view type) {
    if (type == "id")
        return "a question id from 1 to " + std::to_string(kLargestId);
    if (type == "string|integer")
        return "a string or an integer";
    if (type == "boolean")
        return "true or false";
    return type == "integer" ? "an integer" : "a string";
}

// Checks names and types against the table; the handlers then read values without checks.
Result check_params(const RequestSpec& spec, const json& params) {
    if (!params.is_object())
        return Result::failure("requestData must be an object, got " + type_name(params));
    if (spec.params.empty())
        return Result::success();
    for (const auto& [key, value] : params.items()) {
        if (key.starts_with("_"))
            continue; // a placeholder: obs-websocket 5.1 refuses an empty requestData
        const RequestParam* known = nullptr;
        for (const auto& p : spec.params)
            if (key == p.name)
                known = &p;
        if (!known) {
            std::string names;
            for (const auto& p : spec.params)
                names += (names.empty() ? "" : ", ") + std::string(p.name);
            return Result::failure("unknown parameter \"" + key + "\" (" + spec.name + " takes " +
                                   names + ")");
        }
        if (!has_type(value, known->type))
            return Result::failure(
                "\"" + key + "\" must be " + expected(known->type) + ", got " + type_name(value) +
                (value.is_string() || value.is_number() ? " " + core::json_text(value)
                                                        : std::string()));
    }
    for (const auto& p : spec.params)
        if (p.required && !params.contains(p.name))
            return Result::failure(std::string("missing parameter \"") + p.name + "\" (" +
                                   p.description + ")");
    return Result::success();
}

} // namespace

std::string string_param(const json& params, const char* name) {
    const auto it = params.find(name);
    if (it == params.end())
        return {};
    return it->is_string() ? it->get<std::string>() : core::json_text(*it);
}

std::optional<long long> integer_param(const json& params, const char* name) {
    const auto it = params.find(name);
    if (it == params.end())
        return std::nullopt;
    return it->get<long long>();
}

// "a, b,,c " as ["a", "b", "c"].
json comma_list(const std::string& text) {
    json list = json::array();
    std::string item;
    for (char ch : text + ",") {
        if (ch != ',') {
            item += ch;
            continue;
        }
        const auto first = item.find_first_not_of(' ');
        if (first != std::string::npos)
            list.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
        item.clear();
    }
    return list;
}

Target target(const json& params) {
    return Target{string_param(params, "source")};
}

extern const RequestParam kSource{"source", "string", false,
                                  "a code source's name or UUID; default: the dock's choice, else "
                                  "the first on the program output"};

namespace {

std::vector<RequestSpec> make_requests() {
    std::vector<RequestSpec> table;
    table.push_back(
        {"get_version",
         {},
         "the plugin's version and the remote API's version",
         [](Controller& c, const json&) {
             return Result::success({{"version", c.version()}, {"api", kRemoteApiVersion}});
         }});
    table.push_back(
        {"get_requests",
         {},
         "every request with its parameters and what it does",
         [](Controller&, const json&) {
             json list = json::array();
             for (const auto& spec : requests()) {
                 json params = json::array();
                 for (const auto& p : spec.params)
                     params.push_back(
                         {{"name", p.name},
                          {"type", std::string_view(p.type) == "id" ? "integer" : p.type},
                          {"required", p.required},
                          {"description", p.description}});
                 list.push_back({{"name", spec.name},
                                 {"params", std::move(params)},
                                 {"description", spec.description}});
             }
             return Result::success({{"requests", std::move(list)}});
         }});
    table.push_back(
        {"get_cost",
         {},
         "the CPU time Stagehand has used on OBS's own threads since OBS started: drawing the "
         "overlays, ticking them, the dock, handing events to obs-websocket and answering "
         "requests; how often "
         "the heap's freed memory was given back; and the bytes of the textures it holds",
         [](Controller&, const json&) {
             const core::CostTotals totals = core::cost_totals();
             json places = json::object();
             for (int i = 0; i < core::kCostPlaces; ++i) {
                 const auto at = static_cast<std::size_t>(i);
                 places[core::cost_place_name(static_cast<core::CostPlace>(i))] = {
                     {"cpu_ms", static_cast<double>(totals.ns[at]) / 1e6},
                     {"calls", totals.calls[at]}};
             }
             const core::memory::TrimTime trim = core::memory::trim_time();
             return Result::success({{"places", std::move(places)},
                                     {"memory_trims", core::memory::trims()},
                                     {"memory_trim_ms", trim.total_ms},
                                     {"memory_trim_longest_ms", trim.longest_ms},
                                     {"texture_bytes", core::texture_bytes()}});
         }});
    table.push_back({"get_state",
                     {},
                     "everything a remote panel shows: each code source's step, steps, "
                     "language and followed file, and the dock's warnings",
                     [](Controller& c, const json&) {
                         return Result::success(to_json(c.state()));
                     }});
    add_code_requests(table);
    add_chat_requests(table);
    add_talk_requests(table);
    add_preset_requests(table);
    return table;
}

} // namespace

const std::vector<RequestSpec>& requests() {
    static const std::vector<RequestSpec> table = make_requests();
    return table;
}

json handle_request(Controller& controller, std::string_view name, const json& params) {
    const RequestSpec* spec = nullptr;
    for (const auto& s : requests())
        if (name == s.name)
            spec = &s;
    Result result = spec ? check_params(*spec, params)
                         : Result::failure("unknown request \"" + std::string(name) +
                                           "\" (get_requests lists them)");
    if (result)
        result = spec->run(controller, params);
    if (!result) {
        // A refusal may say more than its sentence (preset_import: every error of the file).
        json refused = result.data.is_object() ? result.data : json::object();
        refused["ok"] = false;
        refused["error"] = result.error;
        return refused;
    }
    json response = result.data.is_object() ? result.data : json::object();
    response["ok"] = true;
    return response;
}

} // namespace stagehand::control
