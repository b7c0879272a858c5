// A chat flood into a long question queue, through the controller as the chat thread feeds it:
// parse-free messages (half questions, half chatter and votes) into a queue that already holds
// N questions. The cost per message must not grow with N: lookups are indexed, and the queue is
// serialised by the saving worker, not once per message.
#include "control/controller.hpp"
#include "control/store.hpp"
#include "core/questions/question_queue.hpp"
#include "core/questions/saved_queue.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

using namespace stagehand;

struct NoCode : control::CodeSources {
    std::vector<control::CodeSourceSettings> list() override { return {}; }
    bool apply(const std::string&, const control::CodeSettingsChange&) override { return false; }
    std::string kind_of(const std::string&) override { return {}; }
};

// A question of its own for each i: three words from a list, so no two are a typo apart.
std::string question(int i) {
    static const char* const words[] = {
        "closures",  "generics",  "pointers", "channels", "futures", "traits",   "macros",
        "lifetimes", "borrowing", "async",    "threads",  "modules", "lambdas",  "templates",
        "iterators", "streams",   "queues",   "sockets",  "parsers", "compilers"};
    return "How do " + std::string(words[i % 20]) + " and " + words[(i / 20) % 20] + " work with " +
           words[(i / 400) % 20] + " in " + std::to_string(i / 8000) + "?";
}

// A bot's or a copy-paste flood's question: the same words, only numbers apart, so every pair
// passes the near-duplicate check's length and letter-count tests and is compared in full (the
// whole-show soak floods with these).
std::string templated_question(int i) {
    // In 64 bits: the flood's numbers pass a million, and a million times 7919 overflows an int.
    return "question " + std::to_string(i) + " about closures and " +
           std::to_string(static_cast<long long>(i) * 7919) + "?";
}

core::chat::ChatMessage chat_line(int i, bool templated = false) {
    core::chat::ChatMessage m;
    m.platform = "twitch";
    m.id = "m" + std::to_string(i);
    m.author_id = "viewer" + std::to_string(i % 997);
    m.name = m.author_id;
    switch (i % 4) {
    case 0:
        m.text = templated ? templated_question(i) : question(i / 4);
        break;
    case 1:
        m.text = "+1";
        m.reply_to = "m" + std::to_string(i - 1);
        break;
    case 2:
        m.text = templated ? templated_question(i) : question(i / 4 + 20000);
        break;
    default:
        m.text = "great talk, love the demo " + std::to_string(i);
    }
    return m;
}

// Args: questions already in the queue, and whether the questions are templated (1) or each its
// own words (0); each iteration feeds 10,000 messages.
void BM_ChatFloodIntoQueue(benchmark::State& state) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("stagehand-queue-bench-" + std::to_string(::getpid()));
    const auto before = static_cast<int>(state.range(0));
    const bool templated = state.range(1) == 1;
    for (auto _ : state) {
        state.PauseTiming();
        std::filesystem::remove_all(folder);
        control::Controller::Options options;
        options.code = std::make_shared<NoCode>();
        options.store = std::make_shared<control::Store>(folder);
        // Short, so that the untimed flushes do not wait out a throttled save (up to ten
        // intervals in a flood): the timed 10,000 messages take well under one interval.
        options.queue_save_interval = std::chrono::milliseconds(50);
        auto controller = std::make_unique<control::Controller>(std::move(options));
        for (int i = 0; i < before; ++i) {
            core::chat::ChatMessage m = chat_line(i * 4, templated); // questions only
            m.id = "seed" + std::to_string(i);
            controller->on_chat(m);
        }
        controller->flush();
        state.ResumeTiming();
        for (int i = 0; i < 10000; ++i)
            controller->on_chat(chat_line(1000000 + i, templated));
        state.PauseTiming();
        controller->flush();
        controller.reset();
        state.ResumeTiming();
    }
    state.counters["per_message"] =
        benchmark::Counter(10000.0 * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    std::filesystem::remove_all(folder);
}
BENCHMARK(BM_ChatFloodIntoQueue)
    ->ArgsProduct({{0, 1000, 5000}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

// What one save of a full queue (10,000 questions) costs the saving worker after a second of
// flood added 40 questions: Arg 0 builds the whole JSON value and writes it out (how saves
// were made before), Arg 1 brings a SavedQueue up to date (only the new lines are serialised)
// and writes the file, copying the other lines from the file before, as the worker does.
void BM_QueueSaveAfterASecondOfFlood(benchmark::State& state) {
    core::questions::QuestionQueue queue;
    core::questions::SavedQueue saved;
    const auto folder = std::filesystem::temp_directory_path() /
                        ("stagehand-bench-save-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto file = folder / "questions.json";
    int next = 0;
    const auto ask = [&] {
        core::chat::ChatMessage m = chat_line(next * 4);
        m.id = "q" + std::to_string(next++);
        queue.on_chat(m);
    };
    for (std::size_t i = 0; i < core::questions::QuestionQueue::kMaxQuestions - 500; ++i)
        ask();
    const bool incremental = state.range(0) == 1;
    const auto save = [&] {
        saved.update(queue);
        std::string error;
        const bool ok = control::write_pieces_atomically(
            file, [&](const auto& put) { return saved.write(file, put); }, error);
        saved.written(ok);
        if (!ok)
            state.SkipWithError(error.c_str());
    };
    if (incremental)
        save();
    for (auto _ : state) {
        state.PauseTiming();
        for (int i = 0; i < 40; ++i)
            ask();
        state.ResumeTiming();
        if (incremental) {
            save();
        } else {
            std::string error;
            control::write_file_atomically(
                file, queue.to_json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace),
                error);
        }
    }
    state.counters["file_kib"] = static_cast<double>(std::filesystem::file_size(file)) / 1024.0;
    if (incremental)
        state.counters["held_kib"] = static_cast<double>(saved.memory()) / 1024.0;
    std::filesystem::remove_all(folder);
}
BENCHMARK(BM_QueueSaveAfterASecondOfFlood)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// What the dock asks of a full queue (10,000 questions, votes spread over them) twice a second
// of a flood: Arg 0 the fingerprint of the 200 rows it shows (asked every refresh), Arg 1 the
// rows themselves (asked only when the fingerprint moved).
void BM_DockHeadOfAFullQueue(benchmark::State& state) {
    core::questions::QuestionQueue queue;
    for (std::size_t i = 0; i < core::questions::QuestionQueue::kMaxQuestions; ++i) {
        core::chat::ChatMessage m = chat_line(static_cast<int>(i) * 4);
        m.id = "q" + std::to_string(i);
        queue.on_chat(m);
    }
    for (int v = 0; v < 3000; ++v) {
        core::chat::ChatMessage up;
        up.platform = "twitch";
        up.id = "v" + std::to_string(v);
        up.author_id = "voter" + std::to_string(v % 50);
        up.text = "!up " + std::to_string(1 + (v * 7919) % 10000);
        queue.on_chat(up);
    }
    const bool rows = state.range(0) == 1;
    for (auto _ : state) {
        if (rows)
            benchmark::DoNotOptimize(queue.list(std::nullopt, 200).size());
        else
            benchmark::DoNotOptimize(queue.head_fingerprint(200));
    }
}
BENCHMARK(BM_DockHeadOfAFullQueue)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

#if defined(__GLIBC__)
// The heap a flood leaves behind in the controller (the queue, its lookups, the ids it remembers
// against replays, the saved lines), per message and per question: Arg messages shaped as
// Twitch's (UUID ids, numeric user ids), a quarter of them questions, so 40,000 fill the queue
// to its cap. Measured with mallinfo2 (bytes malloc handed out, mapped blocks included), not
// timed.
void BM_FloodMemory(benchmark::State& state) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("stagehand-queue-memory-" + std::to_string(::getpid()));
    const auto messages = static_cast<int>(state.range(0));
    double per_message = 0, per_question = 0, questions = 0;
    for (auto _ : state) {
        std::filesystem::remove_all(folder);
        control::Controller::Options options;
        options.code = std::make_shared<NoCode>();
        options.store = std::make_shared<control::Store>(folder);
        auto controller = std::make_unique<control::Controller>(std::move(options));
        controller->flush();
        // In the arenas and in blocks malloc mapped on their own (a big vector's).
        const auto in_use = [] {
            const struct mallinfo2 info = mallinfo2();
            return info.uordblks + info.hblkhd;
        };
        const std::size_t before = in_use();
        const auto uuid = [](int i) {
            char id[40];
            std::snprintf(id, sizeof id, "%08x-4d2c-4f1a-9b3e-%012x", static_cast<unsigned>(i),
                          static_cast<unsigned>(i) * 2654435761u);
            return std::string(id);
        };
        for (int i = 0; i < messages; ++i) {
            core::chat::ChatMessage m = chat_line(i);
            m.id = uuid(i);
            if (m.reply_to)
                m.reply_to = uuid(i - 1);
            m.author_id = std::to_string(100000000 + i % 4999);
            m.name = "Viewer_" + std::to_string(i % 4999);
            controller->on_chat(m);
        }
        controller->flush();
        const std::size_t after = in_use();
        questions = controller->questions(std::nullopt, 1).data.value("total", 0.0);
        per_message = static_cast<double>(after - before) / messages;
        per_question = questions > 0 ? static_cast<double>(after - before) / questions : 0;
        controller.reset();
    }
    state.counters["questions"] = questions;
    state.counters["bytes_per_message"] = per_message;
    state.counters["bytes_per_question"] = per_question;
    std::filesystem::remove_all(folder);
}
BENCHMARK(BM_FloodMemory)->Arg(40000)->Iterations(1)->Unit(benchmark::kMillisecond);
#endif

} // namespace
