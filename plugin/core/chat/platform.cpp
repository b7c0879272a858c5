#include "core/chat/platform.hpp"

namespace stagehand::core::chat {

namespace {

// No setting is a document: a URL or an id fits easily.
constexpr std::size_t kMaxParamBytes = 2048;

} // namespace

const PlatformInfo* find_platform(std::string_view id) {
    for (const auto& p : platforms())
        if (p.id == id)
            return &p;
    return nullptr;
}

std::string platform_list() {
    const auto& all = platforms();
    std::string list;
    for (std::size_t i = 0; i < all.size(); ++i)
        list += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + all[i].id;
    return list;
}

const PlatformParam* find_param(const PlatformInfo& platform, std::string_view name) {
    for (const auto& p : platform.params)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::string check_params(const PlatformInfo& platform, const ChatParams& params) {
    for (const auto& [name, value] : params) {
        const PlatformParam* param = find_param(platform, name);
        if (!param) {
            std::string names;
            for (const auto& p : platform.params)
                names += (names.empty() ? "" : ", ") + p.name;
            return platform.name + " takes no \"" + name + "\"" +
                   (names.empty() ? std::string(" (it takes no settings)")
                                  : " (it takes " + names + ")");
        }
        if (value.size() > kMaxParamBytes)
            return param->name + ": expected at most " + std::to_string(kMaxParamBytes) +
                   " bytes, got " + std::to_string(value.size());
        for (const unsigned char c : value)
            if (c < 0x20 || c == 0x7f)
                return param->name + ": expected one line without control characters";
        if (param->check && !value.empty())
            if (std::string why = param->check(value); !why.empty())
                return param->secret ? param->name + ": " + why
                                     : param->name + " \"" + value + "\": " + why;
    }
    for (const auto& p : platform.params)
        if (p.required) {
            const auto it = params.find(p.name);
            if (it == params.end() || it->second.empty())
                return p.name + ": " + platform.name + " needs " + p.hint;
        }
    return {};
}

PlatformParam extra_ca_param() {
    PlatformParam ca{"ca_file", "Trusted certificates", "extra trusted certificates (PEM), tests"};
    ca.in_dock = false;
    ca.cli = "--ca-file";
    return ca;
}

std::string connection_target(const PlatformInfo& platform, const ChatParams& params) {
    if (platform.target.empty())
        return {};
    const auto it = params.find(platform.target);
    return it == params.end() ? std::string() : platform.target_prefix + it->second;
}

} // namespace stagehand::core::chat
