// Chat input cost: a flood of 10,000 Twitch lines (tags, emotes, emoji and CJK text, as busy
// channels send them) split from the byte stream, parsed and normalized. Prints messages a
// second (items_per_second) and CPU per message (cpu time / 10,000).
#include "core/chat/irc.hpp"
#include "core/chat/twitch.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

std::string flood() {
    std::string bytes;
    for (int i = 0; i < 10000; ++i)
        bytes += "@badge-info=subscriber/12;badges=subscriber/12,premium/1;color=#1E90FF;"
                 "display-name=Viewer" +
                 std::to_string(i) + ";emotes=25:0-4/1902:27-31;first-msg=0;flags=;id=3f1a0c2e-" +
                 std::to_string(i) +
                 "-4b8e-9a1d-1c2b3d4e5f60;mod=0;returning-chatter=0;room-id=12826;subscriber=1;"
                 "tmi-sent-ts=1764590400123;turbo=0;user-id=" +
                 std::to_string(100000 + i) + ";user-type= :viewer" + std::to_string(i) +
                 "!viewer" + std::to_string(i) + "@viewer" + std::to_string(i) +
                 ".tmi.twitch.tv PRIVMSG #stagehand :Kappa how does this handle 日本語 🎉 "
                 "Keepo question " +
                 std::to_string(i) + "?\r\n";
    return bytes;
}

void BM_TwitchFloodParse(benchmark::State& state) {
    const std::string bytes = flood();
    const auto now = stagehand::core::chat::Clock::now();
    std::size_t messages = 0;
    for (auto _ : state) {
        stagehand::core::chat::LineBuffer buffer;
        // Reads arrive in 16 KB pieces, lines cut across them.
        for (std::size_t at = 0; at < bytes.size(); at += 16384)
            for (const std::string& line : buffer.push(std::string_view(bytes).substr(at, 16384))) {
                auto parsed = stagehand::core::chat::twitch_event(line, now);
                messages += parsed.event.has_value();
                benchmark::DoNotOptimize(parsed);
            }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(messages));
    state.counters["messages"] =
        static_cast<double>(messages) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_TwitchFloodParse)->Unit(benchmark::kMillisecond);

} // namespace
