#include "core/questions/question_queue.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

using namespace stagehand::core;
using namespace stagehand::core::questions;

namespace {

chat::ChatMessage msg(std::string id, std::string author, std::string text,
                      chat::Platform platform = "twitch", std::uint32_t roles = 0) {
    chat::ChatMessage m;
    m.platform = platform;
    m.id = std::move(id);
    m.author_id = author;
    m.login = author;
    m.name = author;
    m.roles = roles;
    m.text = std::move(text);
    m.time = chat::Clock::time_point(std::chrono::seconds(1796126400));
    return m;
}

chat::ChatMessage reply(std::string id, std::string author, std::string text, std::string to) {
    auto m = msg(std::move(id), std::move(author), std::move(text));
    m.reply_to = std::move(to);
    return m;
}

} // namespace

TEST(QuestionQueue, DetectsQuestionsInTheScriptsViewersWrite) {
    QuestionQueue queue;
    const char* questions[] = {"How does this scale?",    "これはどうやって動きますか？",
                               "هل يعمل هذا على ويندوز؟", "¿Funciona en Windows",
                               "Πώς λειτουργεί\xCD\xBE",  "Q: tell us about the v2",
                               "!q what about ARM"};
    int n = 0;
    for (const char* text : questions) {
        ++n;
        queue.on_chat(msg("m" + std::to_string(n), "a" + std::to_string(n), text));
    }
    EXPECT_EQ(queue.list().size(), std::size(questions));
    EXPECT_EQ(queue.list()[5].text(), "tell us about the v2") << "the prefix is not part of it";
    for (const char* not_question : {"great talk!", "!discord", "!up", "lol", "!uptime?"})
        queue.on_chat(msg("x" + std::string(not_question), "b", not_question));
    EXPECT_EQ(queue.list().size(), std::size(questions)) << "bot commands are never questions";
}

TEST(QuestionQueue, DetectionModesAndFilters) {
    QueueSettings prefix_only;
    prefix_only.detect = QueueSettings::Detect::prefix;
    QuestionQueue queue(prefix_only);
    queue.on_chat(msg("1", "a", "why is it fast?"));
    queue.on_chat(msg("2", "a", "Q: why is it fast"));
    EXPECT_EQ(queue.list().size(), 1u);

    QueueSettings filtered;
    filtered.detect = QueueSettings::Detect::every;
    filtered.platforms = {"youtube"};
    filtered.required_roles = chat::kSubscriber | chat::kMember;
    filtered.blocklist = {"Crypto"};
    QuestionQueue strict(filtered);
    strict.on_chat(msg("1", "a", "hello from twitch", "twitch", chat::kSubscriber));
    strict.on_chat(msg("2", "b", "hello from youtube", "youtube", 0));
    strict.on_chat(msg("3", "c", "members only", "youtube", chat::kMember));
    strict.on_chat(msg("4", "d", "buy CRYPTO now", "youtube", chat::kMember));
    ASSERT_EQ(strict.list().size(), 1u);
    EXPECT_EQ(strict.list()[0].text(), "members only");
    EXPECT_EQ(strict.blocked(), 1u);
}

TEST(QuestionQueue, DuplicatesByIdAndNearIdenticalTextAreMergedWithTheirVotes) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "How does this compare to zod for runtime validation?"));
    queue.on_chat(msg("m1", "ann", "How does this compare to zod for runtime validation?"));
    queue.on_chat(msg("m2", "bob", "how does this compare to Zod for runtime validation??"));
    queue.on_chat(msg("m3", "cy", "How does this compare to zood for runtime validation?"));
    queue.on_chat(msg("m4", "dee", "Why?"));
    queue.on_chat(msg("m5", "eve", "Who?"));
    const auto all = queue.list();
    ASSERT_EQ(all.size(), 3u) << "short different questions are not merged";
    EXPECT_EQ(all[0].votes, 2) << "bob and cy asked the same";
    EXPECT_EQ(all[0].merged_ids().to_vector(), (std::vector<std::string>{"m2", "m3"}));
}

// Short questions one letter apart are different questions: only long ones forgive a typo.
TEST(QuestionQueue, ShortQuestionsOneLetterApartAreNotMerged) {
    const std::pair<const char*, const char*> pairs[] = {
        {"Does it use C?", "Does it use R?"},     // 13 characters
        {"Is it on Mac?", "Is it on Max?"},       // 12
        {"Why not Java?", "Why not Lava?"},       // 12
        {"Can it run Qt?", "Can it run Gt?"},     // 13
        {"Is there a CLI?", "Is there a CLJ?"},   // 14
        {"Where is v1.2.3?", "Where is v1.2.4?"}, // 15
    };
    for (const auto& [a, b] : pairs) {
        QuestionQueue queue;
        queue.on_chat(msg("m1", "ann", a));
        queue.on_chat(msg("m2", "bob", b));
        EXPECT_EQ(queue.list().size(), 2u) << a << " / " << b;
    }
}

TEST(QuestionQueue, VotesFromRepliesAndUpCommandsReorderTheQueueOncePerViewer) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "first question?"));
    queue.on_chat(msg("m2", "bob", "second question?"));
    ASSERT_EQ(queue.list()[0].id, 1);
    queue.on_chat(reply("r1", "cy", "+1", "m2"));
    queue.on_chat(reply("r2", "cy", "+1", "m2"));  // the same viewer again
    queue.on_chat(reply("r3", "bob", "+1", "m2")); // the author
    queue.on_chat(msg("r4", "dee", "!up 2"));
    queue.on_chat(msg("r5", "eve", "!up #2"));
    queue.on_chat(msg("r6", "eve", "!up 99"));
    const auto order = queue.list();
    EXPECT_EQ(order[0].id, 2);
    EXPECT_EQ(order[0].votes, 3);
    Change change;
    queue.pin(1, true, change);
    EXPECT_EQ(queue.list()[0].id, 1) << "a pinned question leads";
}

TEST(QuestionQueue, EveryStateChangeAndNothingUnapprovedOnScreen) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "one?"));
    queue.on_chat(msg("m2", "bob", "two?"));
    Change change;
    EXPECT_EQ(queue.feature(1, change),
              "question 1 is pending: only approved questions go on screen");
    EXPECT_EQ(queue.feature(std::nullopt, change), "no approved question is waiting");
    EXPECT_FALSE(queue.featured());
    EXPECT_EQ(queue.approve(1, change), "");
    EXPECT_EQ(queue.list(State::approved).size(), 1u);
    change = {};
    EXPECT_EQ(queue.feature(std::nullopt, change), "");
    EXPECT_TRUE(change.featured);
    ASSERT_TRUE(queue.featured());
    EXPECT_EQ(queue.featured()->id, 1);
    EXPECT_EQ(queue.approve(2, change), "");
    EXPECT_EQ(queue.feature(2, change), "");
    EXPECT_EQ(queue.find(1)->state, State::approved) << "the one it replaced goes back";
    EXPECT_EQ(queue.hide(change), "");
    EXPECT_FALSE(queue.featured());
    EXPECT_EQ(queue.find(2)->state, State::approved);
    EXPECT_EQ(queue.feature(2, change), "");
    EXPECT_EQ(queue.answered(std::nullopt, change), "");
    EXPECT_EQ(queue.find(2)->state, State::answered);
    EXPECT_FALSE(queue.featured());
    EXPECT_EQ(queue.dismiss(1, change), "");
    EXPECT_EQ(queue.find(1)->state, State::dismissed);
    EXPECT_NE(queue.feature(1, change), "") << "a dismissed question is not approved";
    EXPECT_EQ(queue.answered(std::nullopt, change),
              "no question is on screen: say which one was answered");
    EXPECT_EQ(queue.approve(42, change), "there is no question 42");
}

TEST(QuestionQueue, CountsEachModerationStateWithoutListing) {
    QuestionQueue queue;
    for (int i = 1; i <= 5; ++i)
        queue.on_chat(msg("m" + std::to_string(i), "viewer" + std::to_string(i),
                          "question number " + std::to_string(i) + "?"));
    Change change;
    ASSERT_EQ(queue.approve(2, change), "");
    ASSERT_EQ(queue.approve(3, change), "");
    ASSERT_EQ(queue.dismiss(4, change), "");
    const QuestionQueue::Counts counts = queue.counts();
    EXPECT_EQ(counts.total, queue.list().size());
    EXPECT_EQ(counts.pending, queue.list(State::pending).size());
    EXPECT_EQ(counts.approved, queue.list(State::approved).size());
    EXPECT_EQ(counts.total, 5u);
    EXPECT_EQ(counts.pending, 2u);
    EXPECT_EQ(counts.approved, 2u);
}

// The counts are kept as the queue changes, not counted on each call: every way a question's
// state can change (moderation, chat deletes and bans, drops past the cap, a reload) must keep
// them equal to a count of the questions themselves.
TEST(QuestionQueue, CountsStayTrueThroughRandomModerationDropsAndReloads) {
    QueueSettings settings;
    settings.auto_approve_moderators = true;
    QuestionQueue queue(settings);
    std::mt19937 random(20261206);
    const auto pick = [&](int n) {
        return static_cast<int>(random() % static_cast<unsigned>(n));
    };
    const auto recount_matches = [&](const QuestionQueue& q, const std::string& after) {
        std::size_t pending = 0;
        std::size_t approved = 0;
        std::size_t featured = 0;
        for (const Question& each : q.by_id()) {
            pending += each.state == State::pending;
            approved += each.state == State::approved;
            featured += each.state == State::featured;
        }
        const QuestionQueue::Counts counts = q.counts();
        EXPECT_EQ(counts.total, q.by_id().size()) << after;
        EXPECT_EQ(counts.pending, pending) << after;
        EXPECT_EQ(counts.approved, approved) << after;
        EXPECT_EQ(q.waiting(), approved) << after;
        EXPECT_LE(featured, 1u) << after;
        return counts.pending == pending && counts.approved == approved &&
               q.waiting() == approved && counts.total == q.by_id().size();
    };
    int message = 0;
    const auto new_id = [&] {
        return "m" + std::to_string(++message);
    };
    const auto some_question = [&] {
        return pick(std::max(queue.next_id(), 2)) + 1;
    };
    Change change;
    for (int step = 0; step < 20000; ++step) {
        const int op = pick(16);
        std::string what;
        if (op < 5) {
            const std::string author = "viewer" + std::to_string(pick(40));
            // Few distinct texts: repeats and near repeats are merged instead of added.
            queue.on_chat(msg(new_id(), author,
                              "What about topic " + std::to_string(pick(400)) + "?", "twitch",
                              pick(8) == 0 ? chat::kModerator : 0u));
            what = "a chat question";
        } else if (op == 5) {
            queue.on_chat(reply(new_id(), "viewer" + std::to_string(pick(40)), "+1",
                                "m" + std::to_string(pick(message + 1))));
            what = "a vote";
        } else if (op == 6) {
            queue.approve(some_question(), change);
            what = "approve";
        } else if (op == 7) {
            if (pick(2) == 0)
                queue.feature(some_question(), change);
            else
                queue.feature(std::nullopt, change);
            what = "feature";
        } else if (op == 8) {
            queue.hide(change);
            what = "hide";
        } else if (op == 9) {
            queue.answered(pick(2) == 0 ? std::optional<int>() : some_question(), change);
            what = "answered";
        } else if (op == 10) {
            queue.dismiss(some_question(), change);
            what = "dismiss";
        } else if (op == 11) {
            queue.pin(some_question(), pick(2) == 0, change);
            what = "pin";
        } else if (op == 12) {
            queue.add("Typed question " + std::to_string(step) + "?", "from the room",
                      chat::Clock::time_point(std::chrono::seconds(1796126400)), change);
            what = "typed";
        } else if (op == 13) {
            queue.on_chat(chat::ChatDelete{"twitch", "m" + std::to_string(pick(message + 1))});
            what = "a delete";
        } else if (op == 14 && pick(20) == 0) {
            queue.on_chat(chat::ChatBan{"twitch", "viewer" + std::to_string(pick(40)), {}});
            what = "a ban";
        } else if (op == 15 && pick(200) == 0) {
            queue.on_chat(chat::ChatClear{"twitch"});
            what = "a clear";
        } else if (op == 15 && pick(50) == 0) {
            QuestionQueue reloaded(settings);
            std::string error;
            ASSERT_TRUE(reloaded.from_json(queue.to_json(), error)) << error;
            ASSERT_TRUE(recount_matches(reloaded, "a reload at step " + std::to_string(step)));
            what = "a reload";
        }
        ASSERT_TRUE(recount_matches(queue, what + " at step " + std::to_string(step)));
    }
    // Past the cap: the oldest closed and pending questions are dropped, the counts follow.
    for (int i = 0; queue.dropped() == 0 && i < 30000; ++i)
        queue.on_chat(msg(new_id(), "flood" + std::to_string(i),
                          "Flood " + std::to_string(i) + " about topic " +
                              std::string(1, static_cast<char>('a' + i % 26)) +
                              std::to_string(i * 7919) + "?"));
    ASSERT_GT(queue.dropped(), 0u);
    EXPECT_TRUE(recount_matches(queue, "the drop past the cap"));
    EXPECT_GT(queue.counts().pending, 0u);
}

TEST(QuestionQueue, ModeratorsCanBeAutoApprovedWhenTheSettingSaysSo) {
    QuestionQueue off;
    off.on_chat(msg("1", "mod", "a mod asks?", "twitch", chat::kModerator));
    EXPECT_EQ(off.find(1)->state, State::pending) << "approve-before-display is the default";
    QueueSettings settings;
    settings.auto_approve_moderators = true;
    QuestionQueue on(settings);
    on.on_chat(msg("1", "mod", "a mod asks?", "twitch", chat::kModerator));
    on.on_chat(msg("2", "host", "the host asks?", "twitch", chat::kBroadcaster));
    on.on_chat(msg("3", "viewer", "a viewer asks?", "twitch", chat::kVip));
    EXPECT_EQ(on.find(1)->state, State::approved);
    EXPECT_EQ(on.find(2)->state, State::approved);
    EXPECT_EQ(on.find(3)->state, State::pending);
}

TEST(QuestionQueue, ADeleteABanOrAClearWithdrawsAFeaturedQuestionAtOnce) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "one?"));
    queue.on_chat(msg("m2", "bob", "two?"));
    queue.on_chat(msg("m3", "bob", "three?"));
    queue.on_chat(msg("y1", "cy", "four?", "youtube"));
    Change change;
    queue.approve(1, change);
    queue.feature(1, change);
    change = queue.on_chat(chat::ChatDelete{"twitch", "m1"});
    EXPECT_TRUE(change.featured);
    EXPECT_TRUE(change.instant) << "no fade that keeps it readable";
    EXPECT_FALSE(queue.featured());
    EXPECT_EQ(queue.find(1)->state, State::withdrawn);
    EXPECT_NE(queue.approve(1, change), "");
    change = queue.on_chat(chat::ChatBan{"twitch", "bob", std::nullopt});
    EXPECT_EQ(queue.find(2)->state, State::withdrawn);
    EXPECT_EQ(queue.find(3)->state, State::withdrawn);
    EXPECT_FALSE(change.featured);
    // A timeout (a ban with an end) of a featured question's author takes it off the screen too.
    queue.on_chat(msg("m9", "dan", "five?"));
    const int fifth = queue.list(State::pending).back().id; // the newest open question
    queue.approve(fifth, change);
    queue.feature(fifth, change);
    change = queue.on_chat(
        chat::ChatBan{"twitch", "dan", chat::Clock::now() + std::chrono::minutes(10)});
    EXPECT_TRUE(change.featured);
    EXPECT_TRUE(change.instant);
    EXPECT_FALSE(queue.featured());
    EXPECT_EQ(queue.find(fifth)->state, State::withdrawn);
    queue.on_chat(chat::ChatClear{"twitch"});
    EXPECT_EQ(queue.find(4)->state, State::pending) << "a Twitch clear leaves YouTube alone";
    queue.on_chat(chat::ChatClear{"youtube"});
    EXPECT_EQ(queue.find(4)->state, State::withdrawn);
}

TEST(QuestionQueue, TypedQuestionsAreApprovedUnderANeutralLabel) {
    QuestionQueue queue;
    Change change;
    const int id = queue.add("  What about accessibility?  ", "", {}, change);
    const Question* q = queue.find(id);
    ASSERT_TRUE(q);
    EXPECT_EQ(q->author(), "from the room");
    EXPECT_EQ(q->platform(), "room");
    EXPECT_EQ(q->state, State::approved);
    EXPECT_EQ(q->text(), "What about accessibility?");
}

TEST(QuestionQueue, RoundTripsThroughJsonAndRefusesABrokenFileWithoutChanging) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "one?"));
    queue.on_chat(msg("m2", "bob", "two?"));
    queue.on_chat(reply("r1", "cy", "+1", "m2"));
    Change change;
    queue.approve(2, change);
    queue.feature(2, change);
    queue.pin(1, true, change);
    QuestionQueue again;
    std::string error;
    ASSERT_TRUE(again.from_json(queue.to_json(), error)) << error;
    EXPECT_EQ(again.to_json(), queue.to_json());
    ASSERT_TRUE(again.featured());
    EXPECT_EQ(again.featured()->id, 2);
    again.on_chat(msg("m1", "ann", "one?"));
    EXPECT_EQ(again.list().size(), 2u) << "message ids seen before the restart stay seen";
    again.on_chat(msg("m3", "dee", "three?"));
    EXPECT_EQ(again.list().back().id, 3) << "numbering goes on";

    auto broken = queue.to_json();
    broken["questions"][0]["state"] = "exploded";
    EXPECT_FALSE(again.from_json(broken, error));
    EXPECT_EQ(error,
              "/questions/0/state: expected pending, approved, featured, answered, dismissed or "
              "withdrawn, got \"exploded\"");
    EXPECT_EQ(again.list().size(), 3u) << "the queue it had is kept";
}

TEST(QuestionQueue, ExportsMarkdownAndCsvForTheBlogPost) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "Does *this* work | on ARM?"));
    queue.on_chat(msg("m2", "bob", "=HYPERLINK(\"x\") is this safe?"));
    Change change;
    queue.approve(1, change);
    queue.feature(1, change);
    queue.answered(std::nullopt, change);
    const std::string md = queue.export_markdown("Questions: TypeScript at scale");
    EXPECT_NE(md.find("# Questions: TypeScript at scale"), std::string::npos);
    EXPECT_NE(md.find("| 1 | Does \\*this\\* work \\| on ARM? | ann | twitch | 0 | yes |"),
              std::string::npos)
        << md;
    const std::string csv = queue.export_csv();
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
              "id,question,author,platform,votes,answered,state,time");
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\") is this safe?\""), std::string::npos)
        << "no formula injection: " << csv;
    EXPECT_NE(csv.find(",yes,answered,"), std::string::npos);
}

// A session that never ends (a 24-hour stream, a flood) keeps at most kMaxQuestions: the
// oldest closed ones go first, then the oldest pending; what the presenter chose stays.
TEST(QuestionQueue, ALongSessionDropsTheOldestClosedQuestionsFirst) {
    QuestionQueue queue;
    Change change;
    const auto ask = [&](int i) {
        queue.on_chat(msg("m" + std::to_string(i), "v" + std::to_string(i),
                          "Question " + std::to_string(i) + " about topic " +
                              std::string(1, static_cast<char>('a' + i % 26)) +
                              std::to_string(i * 7919) + "?"));
    };
    ask(0);
    queue.approve(1, change); // approved: stays
    ask(1);
    queue.pin(2, true, change); // pinned: stays
    for (int i = 2; i < 1002; ++i) {
        ask(i);
        queue.dismiss(i + 1, change); // closed: first to go
    }
    const std::size_t cap = QuestionQueue::kMaxQuestions;
    for (int i = 1002; queue.list().size() < cap; ++i)
        ask(i);
    EXPECT_EQ(queue.dropped(), 0u);
    ask(20000); // one past the cap
    EXPECT_LE(queue.list().size(), cap);
    EXPECT_GT(queue.dropped(), 0u);
    ASSERT_NE(queue.find(1), nullptr);
    EXPECT_EQ(queue.find(1)->state, State::approved);
    ASSERT_NE(queue.find(2), nullptr);
    EXPECT_TRUE(queue.find(2)->pinned);
    EXPECT_EQ(queue.find(3), nullptr) << "the oldest dismissed went first";
    // 1,001 over 90 % of the cap: the 1,000 dismissed, then one pending, the oldest.
    EXPECT_EQ(queue.find(1002), nullptr);
    EXPECT_EQ(queue.find(1003), nullptr) << "then the oldest pending";
    ASSERT_NE(queue.find(1004), nullptr);
    EXPECT_EQ(queue.find(1004)->state, State::pending);
    // Votes and lookups still work after the drop.
    queue.on_chat(reply("r1", "zed", "+1", "m1003"));
    EXPECT_EQ(queue.find(1004)->votes, 1);
}
