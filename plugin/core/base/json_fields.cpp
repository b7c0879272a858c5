#include "core/base/json_fields.hpp"

#include <cmath>

namespace stagehand::core {

using nlohmann::json;

namespace {

const json& empty_list() {
    static const json list = json::array();
    return list;
}

[[noreturn]] void fail(const std::string& pointer, const std::string& expected, const json* value) {
    throw ShapeError((pointer.empty() ? "/" : pointer) + ": expected " + expected + ", " +
                     (value ? got(*value) : "got nothing"));
}

std::string range(std::int64_t min, std::int64_t max) {
    if (min == std::numeric_limits<std::int64_t>::min() &&
        max == std::numeric_limits<std::int64_t>::max())
        return "an integer";
    if (max == std::numeric_limits<std::int64_t>::max())
        return "an integer of at least " + std::to_string(min);
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

// Integers only: 3.0 and 1e3 are numbers a person may have typed, but a saved id never is one.
std::optional<std::int64_t> as_integer(const json& value) {
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    return std::nullopt;
}

} // namespace

std::string json_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string got(const json& value) {
    // Invalid UTF-8 in a string must not make the message itself throw.
    std::string dumped = json_text(value);
    if (dumped.size() > 40)
        dumped = dumped.substr(0, 37) + "...";
    return "got " + dumped;
}

Fields::Fields(const json& object, std::string pointer)
    : object_(object)
    , pointer_(std::move(pointer)) {
    if (!object_.is_object())
        fail(pointer_, "an object", &object_);
}

const json* Fields::find(std::string_view key) const {
    const auto it = object_.find(std::string(key));
    return it == object_.end() ? nullptr : &*it;
}

std::string Fields::pointer(std::string_view key) const {
    // RFC 6901: "~" and "/" in a key are escaped, so the pointer names exactly one value.
    std::string escaped;
    for (const char c : key) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return pointer_ + "/" + escaped;
}

std::string Fields::string(std::string_view key, std::string fallback) const {
    const json* value = find(key);
    if (!value)
        return fallback;
    if (!value->is_string())
        fail(pointer(key), "a string", value);
    return value->get<std::string>();
}

std::string Fields::required_string(std::string_view key) const {
    const json* value = find(key);
    if (!value || !value->is_string())
        fail(pointer(key), "a string", value);
    return value->get<std::string>();
}

bool Fields::boolean(std::string_view key, bool fallback) const {
    const json* value = find(key);
    if (!value)
        return fallback;
    if (!value->is_boolean())
        fail(pointer(key), "true or false", value);
    return value->get<bool>();
}

std::int64_t Fields::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                             std::int64_t max) const {
    if (!find(key))
        return fallback;
    return required_integer(key, min, max);
}

std::int64_t Fields::required_integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const {
    const json* value = find(key);
    const auto integer = value ? as_integer(*value) : std::nullopt;
    if (!integer || *integer < min || *integer > max)
        fail(pointer(key), range(min, max), value);
    return *integer;
}

double Fields::number(std::string_view key, double fallback, double min, double max) const {
    const json* value = find(key);
    if (!value)
        return fallback;
    const double number = value->is_number() ? value->get<double>() : std::nan("");
    if (!(number >= min && number <= max)) // NaN fails too
        fail(pointer(key), "a number from " + json(min).dump() + " to " + json(max).dump(), value);
    return number;
}

std::vector<std::string> Fields::strings(std::string_view key) const {
    const json& list = array(key);
    std::vector<std::string> out;
    out.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string())
            fail(pointer(key) + "/" + std::to_string(i), "a string", &list[i]);
        out.push_back(list[i].get<std::string>());
    }
    return out;
}

std::optional<Fields> Fields::object(std::string_view key) const {
    const json* value = find(key);
    if (!value)
        return std::nullopt;
    return Fields(*value, pointer(key));
}

const json& Fields::array(std::string_view key) const {
    const json* value = find(key);
    if (!value)
        return empty_list();
    if (!value->is_array())
        fail(pointer(key), "a list", value);
    return *value;
}

void Fields::expect_string(std::string_view key, std::string_view expected) const {
    const json* value = find(key);
    if (!value || !value->is_string() || value->get<std::string>() != expected)
        fail(pointer(key), json(expected).dump(), value);
}

Fields element(const json& list, std::size_t index, const std::string& list_pointer) {
    return Fields(list.at(index), list_pointer + "/" + std::to_string(index));
}

} // namespace stagehand::core
