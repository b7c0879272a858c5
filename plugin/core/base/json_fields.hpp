#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core {

// A value in something the plugin reads (its own saved files included) that is not what it must
// be. The message starts with the JSON pointer of the value: "/questions/3/id: expected an
// integer from 1 to 2147483647, got \"x\"".
class ShapeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What a value was, for an error message: `got 12`, `got "big"`, shortened when long.
std::string got(const nlohmann::json& value);

// Typed reads of one JSON object at `pointer`. Every read checks the type (and the range where
// one is given) and throws ShapeError naming the pointer, what was expected and what was there,
// so a reader never trips over nlohmann's own type_error far from the file it came from. An
// absent key gives the fallback; a present key of the wrong type is an error, never ignored.
class Fields {
public:
    // Throws when `object` is not a JSON object.
    Fields(const nlohmann::json& object, std::string pointer = "");

    const nlohmann::json* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }
    std::string pointer(std::string_view key) const;
    const std::string& pointer() const { return pointer_; }
    const nlohmann::json& raw() const { return object_; }

    std::string string(std::string_view key, std::string fallback = {}) const;
    std::string required_string(std::string_view key) const;
    bool boolean(std::string_view key, bool fallback) const;
    std::int64_t integer(std::string_view key, std::int64_t fallback,
                         std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                         std::int64_t max = std::numeric_limits<std::int64_t>::max()) const;
    std::int64_t required_integer(std::string_view key, std::int64_t min, std::int64_t max) const;
    double number(std::string_view key, double fallback, double min, double max) const;
    std::vector<std::string> strings(std::string_view key) const;
    // The nested object (its fields' pointers continue this one's); nothing when absent.
    std::optional<Fields> object(std::string_view key) const;
    // The list at `key` (empty when absent); each element is checked by its reader.
    const nlohmann::json& array(std::string_view key) const;
    // Exactly `expected` (a format tag: "stagehand.questions"): any other value, or none, throws.
    void expect_string(std::string_view key, std::string_view expected) const;

private:
    const nlohmann::json& object_;
    std::string pointer_;
};

// JSON text that never throws: invalid UTF-8 in a string (a request name, a chat line that got
// through) is written as U+FFFD instead of nlohmann's type_error 316.
std::string json_text(const nlohmann::json& value);

// The element at `index` of a list read with Fields::array, as an object.
Fields element(const nlohmann::json& list, std::size_t index, const std::string& list_pointer);

} // namespace stagehand::core
