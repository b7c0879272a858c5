#include "core/chat/platform.hpp"

#include "core/chat/demo_script.hpp"
#include "core/chat/discord.hpp"
#include "core/chat/twitch.hpp"
#include "core/chat/youtube.hpp"

// The chat platforms, one registration line each.
namespace stagehand::core::chat {

const std::vector<PlatformInfo>& platforms() {
    static const std::vector<PlatformInfo> all = {
        twitch_platform(),
        youtube_platform(),
        demo_platform(),
        discord_platform(),
    };
    return all;
}

} // namespace stagehand::core::chat
