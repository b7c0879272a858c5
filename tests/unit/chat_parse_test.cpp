#include "core/chat/chat_json.hpp"
#include "core/chat/discord.hpp"
#include "core/chat/irc.hpp"
#include "core/chat/text_safety.hpp"
#include "core/chat/twitch.hpp"
#include "core/chat/youtube.hpp"

#include <gtest/gtest.h>

using namespace stagehand::core::chat;
using nlohmann::json;

namespace {

const Clock::time_point kNow = Clock::time_point(std::chrono::milliseconds(1764590400000));

ChatMessage message_of(const TwitchLine& parsed) {
    EXPECT_FALSE(parsed.malformed);
    EXPECT_TRUE(parsed.event.has_value());
    return std::get<ChatMessage>(*parsed.event);
}

} // namespace

TEST(Irc, ParsesTagsPrefixCommandAndTrailingParameter) {
    const auto m = parse_irc_line("@badge-info=;badges=moderator/1;color=#FF0000;display-name=Ann;"
                                  "flag :ann!ann@ann.tmi.twitch.tv PRIVMSG #talk :hi: there  ");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->command, "PRIVMSG");
    EXPECT_EQ(m->prefix, "ann!ann@ann.tmi.twitch.tv");
    EXPECT_EQ(m->nick(), "ann");
    ASSERT_EQ(m->params.size(), 2u);
    EXPECT_EQ(m->params[0], "#talk");
    EXPECT_EQ(m->params[1], "hi: there  ");
    EXPECT_EQ(m->tag("display-name"), "Ann");
    EXPECT_EQ(m->tag("badge-info"), "");
    EXPECT_EQ(m->tag("flag"), "") << "a tag without '=' has an empty value";
    EXPECT_FALSE(m->tag("missing"));
}

TEST(Irc, UnescapesTagValuesAsIrcv3Says) {
    EXPECT_EQ(unescape_tag_value("a\\sb\\:c\\\\d\\re\\nf"), "a b;c\\d\re\nf");
    EXPECT_EQ(unescape_tag_value("trailing\\"), "trailing");
    EXPECT_EQ(unescape_tag_value("\\x"), "x");
    const auto m =
        parse_irc_line("@system-msg=5\\sraiders\\sfrom\\sAnn :tmi.twitch.tv USERNOTICE #t");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->tag("system-msg"), "5 raiders from Ann");
}

TEST(Irc, RefusesWhatIsNotAnIrcLine) {
    EXPECT_FALSE(parse_irc_line(""));
    EXPECT_FALSE(parse_irc_line("@only-tags"));
    EXPECT_FALSE(parse_irc_line(":prefix-only"));
    EXPECT_FALSE(parse_irc_line("@=x :a PRIVMSG #b :c"));
    EXPECT_FALSE(parse_irc_line("PRIV{MSG #b :c"));
    EXPECT_TRUE(parse_irc_line("PING :tmi.twitch.tv"));
}

TEST(LineBuffer, JoinsPiecesAndKeepsAnUnfinishedLineUntilReset) {
    LineBuffer buffer;
    auto lines = buffer.push("PING :a\r\nPRIVMSG #t :hel");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "PING :a");
    EXPECT_EQ(buffer.pending_bytes(), 15u);
    lines = buffer.push("lo\r\n:x 001 y :z\r\n");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "PRIVMSG #t :hello");
    buffer.push("PRIVMSG #t :cut off by a disconn");
    buffer.reset(); // the connection dropped
    lines = buffer.push("PING :b\n");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "PING :b") << "the cut-off line never joins the next one";
}

TEST(LineBuffer, DropsAnOversizedLineWholeAndCountsIt) {
    LineBuffer buffer(32);
    auto lines = buffer.push(std::string(20, 'a'));
    lines = buffer.push(std::string(20, 'b') + "\nok\n");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "ok");
    EXPECT_EQ(buffer.oversized(), 1u);
}

TEST(Twitch, AMessageWithBadgesEmotesReplyAndTime) {
    const auto m = message_of(twitch_event(
        "@badges=broadcaster/1,subscriber/12;display-name=Ann_Dev;emotes=25:0-4,12-16/1902:6-10;"
        "id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;reply-parent-msg-id=abc-1;"
        "tmi-sent-ts=1764590400123;user-id=1337 :ann_dev!ann_dev@ann_dev.tmi.twitch.tv PRIVMSG "
        "#ann_dev :Kappa Keepo Kappa",
        kNow));
    EXPECT_EQ(m.platform, "twitch");
    EXPECT_EQ(m.channel, "ann_dev");
    EXPECT_EQ(m.id, "b34ccfc7-4977-403a-8a94-33c6bac34fb8");
    EXPECT_EQ(m.author_id, "1337");
    EXPECT_EQ(m.login, "ann_dev");
    EXPECT_EQ(m.name, "Ann_Dev");
    EXPECT_EQ(m.roles, kBroadcaster | kSubscriber);
    EXPECT_EQ(m.text, "Kappa Keepo Kappa");
    EXPECT_EQ(m.emotes, (std::vector<Emote>{{0, 4, "Kappa"}, {6, 10, "Keepo"}, {12, 16, "Kappa"}}));
    EXPECT_EQ(m.reply_to, "abc-1");
    EXPECT_EQ(format_time(m.time), "2025-12-01T12:00:00.123Z");
}

// Emote positions count code points: an emoji (one code point, four bytes) and CJK before an
// emote must not shift it.
TEST(Twitch, EmoteRangesCountCodePointsNextToEmojiAndCjk) {
    const auto m = message_of(twitch_event(
        "@emotes=25:7-11;id=1;user-id=2 :bo!bo@bo.tmi.twitch.tv PRIVMSG #t :🎉日本語 x Kappa!",
        kNow));
    ASSERT_EQ(m.emotes.size(), 1u);
    EXPECT_EQ(m.emotes[0], (Emote{7, 11, "Kappa"}));
    const auto action = message_of(
        twitch_event("@emotes=25:6-10;id=1;user-id=2 :bo!bo@bo.tmi.twitch.tv PRIVMSG #t :\x01"
                     "ACTION waves "
                     "Kappa\x01",
                     kNow));
    EXPECT_EQ(action.text, "waves Kappa") << "/me text without the CTCP wrapper";
    ASSERT_EQ(action.emotes.size(), 1u);
    EXPECT_EQ(action.emotes[0].name, "Kappa");
}

TEST(Twitch, EmoteRangesOutsideTheTextAreLeftOut) {
    EXPECT_TRUE(parse_twitch_emotes("25:0-99", "short").empty());
    EXPECT_TRUE(parse_twitch_emotes("25:4-2", "short").empty());
    EXPECT_TRUE(parse_twitch_emotes("25:x-2,:,/", "short").empty());
}

TEST(Twitch, DeletesBansTimeoutsAndClears) {
    auto deleted = twitch_event("@login=ann;target-msg-id=abc-1;tmi-sent-ts=1 :tmi.twitch.tv "
                                "CLEARMSG #t :the text",
                                kNow);
    ASSERT_TRUE(deleted.event);
    EXPECT_EQ(std::get<ChatDelete>(*deleted.event).id, "abc-1");
    auto ban = twitch_event("@room-id=1;target-user-id=1337;tmi-sent-ts=1764590400000 "
                            ":tmi.twitch.tv CLEARCHAT #t :ann",
                            kNow);
    ASSERT_TRUE(ban.event);
    EXPECT_EQ(std::get<ChatBan>(*ban.event).author_id, "1337");
    EXPECT_FALSE(std::get<ChatBan>(*ban.event).until);
    auto timeout = twitch_event("@ban-duration=600;target-user-id=1337;tmi-sent-ts=1764590400000 "
                                ":tmi.twitch.tv CLEARCHAT #t :ann",
                                kNow);
    ASSERT_TRUE(timeout.event);
    EXPECT_EQ(format_time(*std::get<ChatBan>(*timeout.event).until), "2025-12-01T12:10:00.000Z");
    auto clear = twitch_event("@room-id=1 :tmi.twitch.tv CLEARCHAT #t", kNow);
    ASSERT_TRUE(clear.event);
    EXPECT_TRUE(std::holds_alternative<ChatClear>(*clear.event));
}

TEST(Twitch, OtherCommandsAreNotMessagesAndBrokenOnesAreMalformed) {
    for (const char* quiet :
         {"PING :tmi.twitch.tv", ":tmi.twitch.tv 001 justinfan1 :Welcome",
          "@emote-only=0 :tmi.twitch.tv ROOMSTATE #t", ":tmi.twitch.tv RECONNECT"}) {
        const auto parsed = twitch_event(quiet, kNow);
        EXPECT_FALSE(parsed.event) << quiet;
        EXPECT_FALSE(parsed.malformed) << quiet;
    }
    for (const char* broken : {"@id=1 :a!a@a PRIVMSG", "@id=1 :a!a@a PRIVMSG talk :x",
                               ":tmi.twitch.tv CLEARMSG #t :x", "@@@nonsense", "\x01\x02"}) {
        const auto parsed = twitch_event(broken, kNow);
        EXPECT_TRUE(parsed.malformed) << broken;
    }
}

TEST(Twitch, ChannelsAsUsersTypeThem) {
    EXPECT_EQ(twitch_channel_login("#Ann_Dev"), "ann_dev");
    EXPECT_EQ(twitch_channel_login("https://www.twitch.tv/Ann_Dev?x=1"), "ann_dev");
    EXPECT_EQ(twitch_channel_login("ann dev"), "");
    EXPECT_EQ(twitch_channel_login(""), "");
}

TEST(TextSafety, RemovesControlsReplacesInvalidUtf8AndKeepsNewlinesOnlyWhenAsked) {
    EXPECT_EQ(make_safe("a\x07"
                        "b\x1b[31mc\nd",
                        false)
                  .text,
              "ab[31mcd");
    EXPECT_EQ(make_safe("a\nb\r\n", true).text, "a\nb\n");
    EXPECT_EQ(make_safe("bad \xff\xfe end", false).text, "bad \xEF\xBF\xBD\xEF\xBF\xBD end");
    EXPECT_EQ(make_safe("\xC0\xAF", false).text, "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong";
    EXPECT_EQ(make_safe("\xED\xA0\x80", false).text, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")
        << "a surrogate";
    EXPECT_EQ(make_safe("x\u202Eevil", false).text, "xevil") << "no bidi override";
    EXPECT_EQ(make_safe("<b>not markup</b> & ${x}", false).text, "<b>not markup</b> & ${x}");
    EXPECT_FALSE(make_safe("plain 日本語 🎉", false).changed);
}

TEST(TextSafety, CutsLongTextToTheLimitWithAnEllipsis) {
    std::string text;
    for (int i = 0; i < 2500; ++i)
        text += "é";
    const auto safe = make_safe(text, false);
    EXPECT_EQ(safe.text.size(), 1999u * 2 + 3) << "1,999 é and one …";
    EXPECT_TRUE(safe.text.ends_with("é…"));
    EXPECT_EQ(safe.index_of[1998], 1998u);
    EXPECT_EQ(safe.index_of[1999], std::string::npos);
    EXPECT_EQ(make_safe(std::string(2000, 'a'), false).text, std::string(2000, 'a'));
}

TEST(TextSafety, EmotesFollowTheTextWhenControlsAreRemoved) {
    const auto m = message_of(twitch_event(
        "@emotes=25:3-7;id=1;user-id=2 :bo!bo@bo.tmi.twitch.tv PRIVMSG #t :a\x07 Kappa", kNow));
    EXPECT_EQ(m.text, "a Kappa");
    ASSERT_EQ(m.emotes.size(), 1u);
    EXPECT_EQ(m.emotes[0], (Emote{2, 6, "Kappa"}));
}

TEST(YouTube, MessagesDeletesBansAndPaging) {
    const std::string body = R"({
      "kind": "youtube#liveChatMessageListResponse",
      "pollingIntervalMillis": 5123,
      "nextPageToken": "page-2",
      "items": [
        {"id": "m1", "snippet": {"type": "textMessageEvent", "publishedAt": "2026-12-01T12:00:00.250+00:00",
          "displayMessage": "Does this work on ARM?\nAsking for a Pi", "textMessageDetails": {"messageText": "Does this work on ARM?\nAsking for a Pi"}},
         "authorDetails": {"channelId": "UCabc", "displayName": "Mia", "isChatModerator": true, "isChatSponsor": true}},
        {"id": "m2", "snippet": {"type": "messageDeletedEvent", "messageDeletedDetails": {"deletedMessageId": "m0"}}},
        {"id": "m3", "snippet": {"type": "userBannedEvent", "publishedAt": "2026-12-01T12:00:00Z",
          "userBannedDetails": {"bannedUserDetails": {"channelId": "UCbad"}, "banType": "temporary", "banDurationSeconds": "300"}}},
        {"id": "m4", "snippet": {"type": "newSponsorEvent"}},
        {"id": "m5"},
        {"id": "m6", "snippet": {"type": "textMessageEvent"}}
      ]})";
    std::string error;
    const auto page = parse_youtube_messages(body, "chat-1", error);
    ASSERT_TRUE(page) << error;
    EXPECT_EQ(page->next_page_token, "page-2");
    EXPECT_EQ(page->polling_interval, std::chrono::milliseconds(5123));
    EXPECT_FALSE(page->ended);
    EXPECT_EQ(page->skipped, 2u) << "m5 and m6 are malformed; m4 is simply not chat";
    ASSERT_EQ(page->events.size(), 3u);
    const auto& m = std::get<ChatMessage>(page->events[0]);
    EXPECT_EQ(m.platform, "youtube");
    EXPECT_EQ(m.text, "Does this work on ARM?\nAsking for a Pi");
    EXPECT_EQ(m.name, "Mia");
    EXPECT_EQ(m.roles, kModerator | kMember);
    EXPECT_EQ(format_time(m.time), "2026-12-01T12:00:00.250Z");
    EXPECT_EQ(std::get<ChatDelete>(page->events[1]).id, "m0");
    const auto& ban = std::get<ChatBan>(page->events[2]);
    EXPECT_EQ(ban.author_id, "UCbad");
    EXPECT_EQ(format_time(*ban.until), "2026-12-01T12:05:00.000Z");
}

TEST(YouTube, TheEndOfAChatAndErrors) {
    std::string error;
    auto ended =
        parse_youtube_messages(R"({"items": [], "offlineAt": "2026-12-01T13:00:00Z"})", "c", error);
    ASSERT_TRUE(ended);
    EXPECT_TRUE(ended->ended);
    auto chat_ended = parse_youtube_messages(
        R"({"items": [{"id":"e","snippet":{"type":"chatEndedEvent"}}]})", "c", error);
    EXPECT_TRUE(chat_ended->ended);
    EXPECT_FALSE(parse_youtube_messages("<html>502 Bad Gateway</html>", "c", error));
    EXPECT_EQ(error, "liveChatMessages.list: the answer is not JSON");
    const auto quota = parse_youtube_error(
        R"({"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your quota.", "errors": [{"reason": "quotaExceeded", "domain": "youtube.quota"}]}})");
    ASSERT_TRUE(quota);
    EXPECT_TRUE(quota->is_quota());
    EXPECT_FALSE(quota->ends_chat());
    const auto gone = parse_youtube_error(
        R"({"error": {"code": 403, "message": "ended", "errors": [{"reason": "liveChatEnded"}]}})");
    EXPECT_TRUE(gone->ends_chat());
    EXPECT_FALSE(parse_youtube_error("<html>oops</html>"));
}

TEST(YouTube, FindsTheLiveChatOfAVideo) {
    std::string error;
    auto live = parse_youtube_video(
        R"({"items": [{"id": "dQw4w9WgXcQ", "liveStreamingDetails": {"actualStartTime": "2026-12-01T12:00:00Z", "activeLiveChatId": "Cg0KC2RRdzR3OVdnWGNR"}}]})",
        error);
    ASSERT_TRUE(live);
    EXPECT_TRUE(live->found);
    EXPECT_EQ(live->live_chat_id, "Cg0KC2RRdzR3OVdnWGNR");
    auto none = parse_youtube_video(R"({"items": []})", error);
    EXPECT_FALSE(none->found);
    auto over = parse_youtube_video(
        R"({"items": [{"liveStreamingDetails": {"actualEndTime": "2026-12-01T13:00:00Z"}}]})",
        error);
    EXPECT_TRUE(over->ended);
    EXPECT_TRUE(over->live_chat_id.empty());
    EXPECT_EQ(youtube_video_id("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1"), "dQw4w9WgXcQ");
    EXPECT_EQ(youtube_video_id("https://youtu.be/dQw4w9WgXcQ"), "dQw4w9WgXcQ");
    EXPECT_EQ(youtube_video_id("https://www.youtube.com/live/dQw4w9WgXcQ?si=x"), "dQw4w9WgXcQ");
    EXPECT_EQ(youtube_video_id("dQw4w9WgXcQ"), "dQw4w9WgXcQ");
    EXPECT_EQ(youtube_video_id("not a video"), "");
}

// The JSON lines `stagehand-cli chat` prints are a contract with users' scripts (issue #10).
TEST(ChatJson, EventsPrintWithTheDocumentedTypesAndKeys) {
    ChatMessage m;
    m.platform = "twitch";
    m.channel = "talk";
    m.id = "id-1";
    m.author_id = "7";
    m.login = "ann";
    m.name = "Ann";
    m.roles = kModerator;
    m.text = "Kappa hi";
    m.emotes = {{0, 4, "Kappa"}};
    m.time = Clock::time_point(std::chrono::milliseconds(1796126400000));
    EXPECT_EQ(to_json(m), json::parse(R"({"type":"message","platform":"twitch","channel":"talk",
        "id":"id-1","author":{"id":"7","login":"ann","name":"Ann","roles":["moderator"]},
        "text":"Kappa hi","emotes":[{"start":0,"end":4,"name":"Kappa"}],"reply_to":null,
        "time":"2026-12-01T12:00:00.000Z"})"));
    EXPECT_EQ(to_json(ChatDelete{"youtube", "x"}),
              json::parse(R"({"type":"delete","platform":"youtube","id":"x"})"));
    EXPECT_EQ(to_json(ChatBan{"twitch", "7", std::nullopt}),
              json::parse(R"({"type":"ban","platform":"twitch","author_id":"7","until":null})"));
    EXPECT_EQ(to_json(ChatClear{"twitch"}), json::parse(R"({"type":"clear","platform":"twitch"})"));
    EXPECT_EQ(to_json(ChatStatus{"twitch", ConnectionState::reconnecting, "backoff 2s"}),
              json::parse(R"({"type":"status","platform":"twitch","state":"reconnecting",
                              "detail":"backoff 2s"})"));
    EXPECT_EQ(stats_json("demo", {3, 1, 2}),
              json::parse(R"({"type":"stats","platform":"demo","messages":3,"skipped":1,
                              "reconnects":2})"));
}

TEST(ChatTime, ParsesRfc3339WithOffsetsAndRefusesNonsense) {
    EXPECT_EQ(format_time(*parse_time("2026-12-01T13:30:00.5+01:30")), "2026-12-01T12:00:00.500Z");
    EXPECT_FALSE(parse_time("2026-13-01T00:00:00Z"));
    EXPECT_FALSE(parse_time("yesterday"));
    EXPECT_FALSE(parse_time("2026-12-01T00:00:00"));
}

// Found by the fuzzers: times and durations from the wire overflowed the clock.
TEST(ChatTime, ForgedTimesAndDurationsAreBoundedNotOverflowed) {
    const auto m = message_of(
        twitch_event("@id=1;user-id=2;tmi-sent-ts=11764590400123000 :a!a@a PRIVMSG #t :hi", kNow));
    EXPECT_EQ(m.time, kNow) << "an impossible send time is replaced by the arrival time";
    const auto ban = twitch_event("@ban-duration=99999999999999;target-user-id=7;tmi-sent-ts=1 "
                                  ":tmi.twitch.tv CLEARCHAT #t :x",
                                  kNow);
    ASSERT_TRUE(ban.event);
    EXPECT_LT(*std::get<ChatBan>(*ban.event).until,
              Clock::time_point(std::chrono::hours(24 * 366 * 12)));
    EXPECT_FALSE(parse_time("9999-12-01T00:00:00Z"));
    std::string error;
    const auto page = parse_youtube_messages(
        R"({"items":[{"id":"b","snippet":{"type":"userBannedEvent","publishedAt":"2026-12-01T12:00:00Z",
        "userBannedDetails":{"bannedUserDetails":{"channelId":"UCb"},"banType":"temporary",
        "banDurationSeconds":"9223372036854775807"}}}]})",
        "c", error);
    ASSERT_TRUE(page) << error;
    ASSERT_EQ(page->events.size(), 1u);
    EXPECT_TRUE(std::get<ChatBan>(page->events[0]).until.has_value());
}

// What a YouTube answer may hold is bounded: items a page, the length of ids and page tokens,
// and the wait between polls (a forged 10^15 ms must not overflow an int downstream).
TEST(YouTubeParse, HostileSizesAreBounded) {
    json items = json::array();
    for (int i = 0; i < 2500; ++i)
        items.push_back(
            {{"id", "m" + std::to_string(i)},
             {"snippet",
              {{"type", "textMessageEvent"}, {"textMessageDetails", {{"messageText", "hi"}}}}},
             {"authorDetails", {{"channelId", "UC1"}, {"displayName", "A"}}}});
    items[0]["id"] = std::string(600, 'x');
    items[1]["authorDetails"]["channelId"] = std::string(600, 'y');
    const json body = {{"items", items},
                       {"nextPageToken", std::string(600, 't')},
                       {"pollingIntervalMillis", 1000000000000000LL}};
    std::string error;
    const auto page = parse_youtube_messages(body.dump(), "chat-1", error);
    ASSERT_TRUE(page) << error;
    EXPECT_EQ(page->events.size(), 1998u) << "2000 items read, two of them with over-long ids";
    EXPECT_EQ(page->skipped, 2u + 500u);
    EXPECT_EQ(page->next_page_token, "") << "a 600-byte token is no token";
    EXPECT_EQ(page->polling_interval, std::chrono::minutes(10));
}

// ---- Discord's Gateway ------------------------------------------------------------------------

TEST(DiscordParse, ChannelIdsAsUsersPasteThem) {
    EXPECT_EQ(discord_channel_id("123456789012345678"), "123456789012345678");
    EXPECT_EQ(discord_channel_id(" 555 "), "555");
    EXPECT_EQ(discord_channel_id("https://discord.com/channels/77/555"), "555");
    EXPECT_EQ(discord_channel_id("https://discord.com/channels/77/555/999"), "555");
    EXPECT_EQ(discord_channel_id("#general"), "");
    EXPECT_EQ(discord_channel_id("123456789012345678901"), "") << "past 64 bits";
    EXPECT_EQ(discord_channel_id("https://discord.com/channels/77"), "");
}

TEST(DiscordParse, MarkupBecomesWhatAViewerReads) {
    const std::map<std::string, std::string> mentions{{"42", "Bob"}};
    EXPECT_EQ(discord_plain_text("<:party:123> and <a:wave:124>", mentions), ":party: and :wave:");
    EXPECT_EQ(discord_plain_text("hi <@42> <@!42> <@43>", mentions), "hi @Bob @Bob @someone");
    EXPECT_EQ(discord_plain_text("see <#7> or ask <@&9>", mentions), "see #channel or ask @role");
    EXPECT_EQ(discord_plain_text("a < b > c and <:bad:xyz> <unfinished", mentions),
              "a < b > c and <:bad:xyz> <unfinished");
}

TEST(DiscordParse, HelloIdentifiesAndASessionThatCanResumeResumes) {
    DiscordSession session("T", "555");
    session.opened();
    auto step = session.on_frame(R"({"op":10,"d":{"heartbeat_interval":41250}})", Clock::now());
    ASSERT_EQ(step.heartbeat_ms, std::optional<int>(41250));
    ASSERT_EQ(step.send.size(), 1u);
    EXPECT_EQ(json::parse(step.send[0])["op"], 2);
    EXPECT_EQ(json::parse(step.send[0])["d"]["intents"], kDiscordIntents);
    step = session.on_frame(
        R"({"op":0,"s":1,"t":"READY","d":{"session_id":"S","resume_gateway_url":"wss://r.example"}})",
        Clock::now());
    EXPECT_TRUE(step.connected);
    EXPECT_EQ(session.next_url("wss://gateway.example/?v=10"),
              "wss://r.example/?v=10&encoding=json");
    // A heartbeat carries the last sequence; a second without an ACK means a dead connection.
    step = session.on_heartbeat_due();
    ASSERT_EQ(step.send.size(), 1u);
    EXPECT_EQ(json::parse(step.send[0]), json::parse(R"({"op":1,"d":1})"));
    EXPECT_EQ(session.on_heartbeat_due().then, DiscordSession::Step::Then::reconnect);
    session.opened();
    step = session.on_frame(R"({"op":10,"d":{"heartbeat_interval":1000}})", Clock::now());
    ASSERT_EQ(step.send.size(), 1u);
    const json resume = json::parse(step.send[0]);
    EXPECT_EQ(resume["op"], 6);
    EXPECT_EQ(resume["d"]["session_id"], "S");
    EXPECT_EQ(resume["d"]["seq"], 1);
    // Not resumable: the next connection identifies on the main gateway.
    step = session.on_frame(R"({"op":9,"d":false})", Clock::now());
    EXPECT_EQ(step.then, DiscordSession::Step::Then::reconnect);
    EXPECT_EQ(session.next_url("wss://gateway.example/?v=10"), "wss://gateway.example/?v=10");
}

// A role's permission field past 2^64 (twenty digits) is ignored, never thrown out of the
// connector's Qt slot; a moderator role is still told by its bits.
TEST(DiscordParse, PermissionsPastSixtyFourBitsAreIgnoredNotThrown) {
    DiscordSession session("T", "555");
    const auto step = session.on_frame(
        R"({"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"77","owner_id":"1","roles":[
            {"id":"900","permissions":"99999999999999999999"},
            {"id":"901","permissions":"8192"}]}})",
        Clock::now());
    EXPECT_FALSE(step.malformed);
    const auto message = [&](const char* role) {
        return session.on_frame(
            std::string(R"({"op":0,"s":2,"t":"MESSAGE_CREATE","d":{"id":"1","channel_id":"555",)") +
                R"("author":{"id":"5"},"member":{"roles":[")" + role + R"("]},"content":"hi?"}})",
            Clock::now());
    };
    const auto plain = message("900");
    ASSERT_EQ(plain.events.size(), 1u);
    EXPECT_FALSE(std::get<ChatMessage>(plain.events[0]).roles & kModerator);
    const auto mod = message("901");
    ASSERT_EQ(mod.events.size(), 1u);
    EXPECT_TRUE(std::get<ChatMessage>(mod.events[0]).roles & kModerator);
}

TEST(DiscordParse, CloseCodesStopOrReconnect) {
    DiscordSession session("secret-token", "555");
    using Then = DiscordSession::Step::Then;
    EXPECT_EQ(session.on_closed(4004).then, Then::stop);
    EXPECT_EQ(session.on_closed(4014).then, Then::stop);
    EXPECT_NE(session.on_closed(4014).detail.find("Message Content"), std::string::npos);
    EXPECT_EQ(session.on_closed(4012).then, Then::stop);
    EXPECT_EQ(session.on_closed(1006).then, Then::reconnect);
    EXPECT_EQ(session.on_closed(4008).then, Then::reconnect);
    for (int code = 4000; code <= 4014; ++code)
        EXPECT_EQ(session.on_closed(code).detail.find("secret-token"), std::string::npos);
}

TEST(DiscordParse, MalformedFramesAreCountedNotBelieved) {
    DiscordSession session("T", "555");
    for (const char* frame :
         {"", "not json", "[]", R"({"op":"0"})", R"({"op":0,"s":2})",
          R"({"op":10,"d":{"heartbeat_interval":-5}})",
          R"({"op":0,"s":3,"t":"MESSAGE_CREATE","d":{"channel_id":"555","author":{"id":"1"}}})",
          R"({"op":0,"s":4,"t":"MESSAGE_DELETE","d":{"channel_id":"555","id":"../x"}})"})
        EXPECT_TRUE(session.on_frame(frame, Clock::now()).malformed) << frame;
    EXPECT_FALSE(session.on_frame(R"({"op":42,"d":null})", Clock::now()).malformed)
        << "an opcode a newer gateway added is ignored";
}
