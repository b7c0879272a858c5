#include "core/chat/irc.hpp"

namespace stagehand::core::chat {

namespace {

constexpr std::size_t kMaxTagBytes = 8191;
constexpr std::size_t kMaxRestBytes = 512 + 2048; // Twitch's lines run past RFC 1459's 512

std::string_view next_token(std::string_view& rest) {
    const std::size_t space = rest.find(' ');
    std::string_view token = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    return token;
}

} // namespace

std::string unescape_tag_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\') {
            out += value[i];
            continue;
        }
        if (++i == value.size())
            break; // a trailing lone backslash is dropped
        switch (value[i]) {
        case ':':
            out += ';';
            break;
        case 's':
            out += ' ';
            break;
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        default:
            out += value[i]; // "\\" and any other escaped character stand for themselves
        }
    }
    return out;
}

std::optional<IrcMessage> parse_irc_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.remove_suffix(1);
    IrcMessage message;
    std::string_view rest = line;
    if (!rest.empty() && rest.front() == '@') {
        const std::size_t space = rest.find(' ');
        if (space == std::string_view::npos || space - 1 > kMaxTagBytes)
            return std::nullopt;
        std::string_view tags = rest.substr(1, space - 1);
        rest = rest.substr(space + 1);
        while (!tags.empty()) {
            const std::size_t semicolon = tags.find(';');
            const std::string_view tag = tags.substr(0, semicolon);
            tags = semicolon == std::string_view::npos ? std::string_view{}
                                                       : tags.substr(semicolon + 1);
            if (tag.empty())
                continue;
            const std::size_t equals = tag.find('=');
            std::string key(tag.substr(0, equals));
            if (key.empty())
                return std::nullopt;
            std::string value = equals == std::string_view::npos
                                    ? std::string()
                                    : unescape_tag_value(tag.substr(equals + 1));
            message.tags.emplace_back(std::move(key), std::move(value));
        }
    }
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    if (rest.size() > kMaxRestBytes)
        return std::nullopt;
    if (!rest.empty() && rest.front() == ':') {
        rest.remove_prefix(1);
        message.prefix = std::string(next_token(rest));
        if (message.prefix.empty())
            return std::nullopt;
    }
    message.command = std::string(next_token(rest));
    if (message.command.empty())
        return std::nullopt;
    for (char c : message.command)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return std::nullopt;
    while (!rest.empty()) {
        if (rest.front() == ':') {
            message.params.emplace_back(rest.substr(1));
            break;
        }
        message.params.emplace_back(next_token(rest));
    }
    return message;
}

std::optional<std::string_view> IrcMessage::tag(std::string_view key) const {
    for (const auto& [k, v] : tags)
        if (k == key)
            return std::string_view(v);
    return std::nullopt;
}

std::string_view IrcMessage::nick() const {
    const std::string_view p = prefix;
    return p.substr(0, p.find('!'));
}

std::vector<std::string> LineBuffer::push(std::string_view bytes) {
    std::vector<std::string> lines;
    while (!bytes.empty()) {
        const std::size_t newline = bytes.find('\n');
        const std::string_view piece = bytes.substr(0, newline);
        if (!discarding_) {
            if (pending_.size() + piece.size() > max_line_) {
                discarding_ = true;
                pending_.clear();
            } else {
                pending_.append(piece);
            }
        }
        if (newline == std::string_view::npos)
            break;
        bytes.remove_prefix(newline + 1);
        if (discarding_) {
            ++oversized_;
            discarding_ = false;
            continue;
        }
        if (!pending_.empty() && pending_.back() == '\r')
            pending_.pop_back();
        lines.push_back(std::move(pending_));
        pending_.clear();
    }
    return lines;
}

} // namespace stagehand::core::chat
