#include "chat/connectors.hpp"

#include "chat/demo_connector.hpp"
#include "chat/discord_connector.hpp"
#include "chat/twitch_connector.hpp"
#include "chat/youtube_connector.hpp"

namespace stagehand::chat {

namespace {

using Prepare = MakeConnector (*)(const core::chat::ChatParams&, const ConnectorContext&,
                                  std::string&);

struct Registration {
    const char* platform;
    Prepare prepare;
};

// The connectors, one line each.
constexpr Registration kConnectors[] = {
    {"twitch", &TwitchConnector::prepare},
    {"youtube", &YouTubeConnector::prepare},
    {"demo", &DemoConnector::prepare},
    {"discord", &DiscordConnector::prepare},
};

} // namespace

MakeConnector prepare_connector(const std::string& platform, const core::chat::ChatParams& params,
                                const ConnectorContext& context, std::string& error) {
    const auto* described = core::chat::find_platform(platform);
    if (!described) {
        error = "platform \"" + platform + "\": expected " + core::chat::platform_list();
        return {};
    }
    if (error = core::chat::check_params(*described, params); !error.empty()) {
        error = platform + ": " + error;
        return {};
    }
    for (const auto& r : kConnectors)
        if (platform == r.platform)
            return r.prepare(params, context, error);
    error = described->name + " chat is not available in this build";
    return {};
}

} // namespace stagehand::chat
