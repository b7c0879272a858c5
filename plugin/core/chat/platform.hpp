#pragma once

#include "core/base/color.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

// Chat platforms, each described once: what the hub, the controller, the remote requests, the
// dock's connect form, the question card's pill and the CLI know about a platform comes from
// here. Each platform's description lives in its own file (twitch.cpp, youtube.cpp, ...);
// platforms.cpp lists them, one line each.
namespace stagehand::core::chat {

// A connection's settings by parameter name ("channel", "video", "key", ...).
using ChatParams = std::map<std::string, std::string>;

// One setting a platform's connection takes.
struct PlatformParam {
    std::string name;  // the key in chat_connect and chat.json
    std::string label; // the dock's label
    std::string hint;  // what it expects, for the dock's placeholder and get_requests
    bool required = false;
    // Kept in the owner-only secrets.json, never in chat.json, a log, a status or an error;
    // remembered, so a connect without it uses the saved one.
    bool secret = false;
    bool in_dock = true;  // the dock's form shows it (server URLs and test certificates: no)
    bool remote = true;   // chat_connect takes it (false: the CLI only, like a local demo file)
    std::string cli = {}; // the CLI's flag ("--youtube-key"); several platforms may share one
    std::string env = {}; // an environment variable the CLI reads it from (secrets)
    // Checks a value that is not empty: "" when it is fine, else why not.
    std::string (*check)(const std::string& value) = nullptr;
};

struct PlatformInfo {
    std::string id;   // "twitch": what events, questions and saved files carry
    std::string name; // "Twitch": the dock's list and the question card's pill
    Color color;      // the pill
    std::vector<PlatformParam> params;
    std::string cli; // the CLI flag that turns it on; takes the value of `target` when it has one
    std::string target;        // the parameter that names what it reads ("channel"); may be ""
    std::string target_prefix; // how that is shown ("#" for a channel)
};

// Every platform, in the order the dock and the CLI list them.
const std::vector<PlatformInfo>& platforms();
const PlatformInfo* find_platform(std::string_view id);
// "twitch, youtube, demo or discord", for error messages.
std::string platform_list();
const PlatformParam* find_param(const PlatformInfo& platform, std::string_view name);

// Checks a connection's settings against the platform's description: unknown names, required
// ones missing, values too long or with control characters, each parameter's own check. "" when
// they are fine, else the first problem, naming the parameter (never a secret's value).
std::string check_params(const PlatformInfo& platform, const ChatParams& params);

// The setting every TLS connector takes for a test server's own certificate (chat_connect's
// "ca_file", the CLI's --ca-file); never in the dock.
PlatformParam extra_ca_param();

// What a connection reads, as status lines show it ("#ann", a video id); "" for none.
std::string connection_target(const PlatformInfo& platform, const ChatParams& params);

} // namespace stagehand::core::chat
