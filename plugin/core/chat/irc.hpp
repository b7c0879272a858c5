#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stagehand::core::chat {

// One IRC line with IRCv3 message tags, as Twitch sends them:
// "@badges=moderator/1;display-name=Ann :ann!ann@ann.tmi.twitch.tv PRIVMSG #talk :hi there"
struct IrcMessage {
    std::vector<std::pair<std::string, std::string>> tags; // values unescaped
    std::string prefix;                                    // without the ':'
    std::string command;                                   // "PRIVMSG", "001", ...
    std::vector<std::string> params;                       // the trailing one included

    // The tag's value, or nothing when the line has no such tag.
    std::optional<std::string_view> tag(std::string_view key) const;
    // The nick in the prefix ("ann" from "ann!ann@ann.tmi.twitch.tv").
    std::string_view nick() const;
};

// Parses one line (without its CR LF). Nothing when it is not an IRC line: no command, a tag
// section without a space after it, a line too long for IRCv3 (8191 bytes of tags + 512).
std::optional<IrcMessage> parse_irc_line(std::string_view line);

// Unescapes an IRCv3 tag value: "\:" -> ";", "\s" -> " ", "\\" -> "\", "\r", "\n"; any other
// escaped character stands for itself and a trailing lone backslash is dropped.
std::string unescape_tag_value(std::string_view value);

// Splits a byte stream into lines: bytes arrive in pieces (a read can end mid-line, or hold many
// lines), lines end with LF (CR LF accepted). What is left after the last LF waits for more; a
// disconnect drops it with reset(), so a cut-off line never becomes a message.
class LineBuffer {
public:
    explicit LineBuffer(std::size_t max_line = 16 * 1024)
        : max_line_(max_line) {}
    // Appends bytes and returns the complete lines they finish. A line longer than the limit is
    // dropped whole and counted in `oversized()`.
    std::vector<std::string> push(std::string_view bytes);
    void reset() {
        pending_.clear();
        discarding_ = false;
    }
    std::size_t pending_bytes() const { return pending_.size(); }
    std::size_t oversized() const { return oversized_; }

private:
    std::size_t max_line_;
    std::string pending_;
    bool discarding_ = false;
    std::size_t oversized_ = 0;
};

} // namespace stagehand::core::chat
