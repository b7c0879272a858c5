#include "obs/chat_hub.hpp"

#include "chat/connectors.hpp"
#include "core/base/error_report.hpp"
#include "core/base/minute_rate.hpp"
#include "core/base/thread_name.hpp"

#include <QMetaObject>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <map>
#include <mutex>
#include <tuple>

namespace stagehand {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

struct QtChatHub::Impl {
    Sink sink;
    QString demo_file;
    QThread thread;
    QObject* home = nullptr; // lives on the chat thread; parent of every connector

    struct Entry {
        chat::Connector* connector = nullptr; // owned by `home`, used on the chat thread
        std::string target;
        std::string state = "connecting";
        std::string detail;
        core::MinuteRate rate; // messages of the last minute
    };
    std::mutex mutex;
    std::map<std::string, Entry> entries; // by platform
    bool stopped = false;
    // Chat thread only: events waiting to be handled together.
    std::vector<core::chat::ChatEvent> pending;
    bool flush_posted = false;
    // Messages are gathered for batch_window (QtChatHub::kBatchWindow), then handled as one
    // batch; see there.
    std::chrono::milliseconds batch_window = kBatchWindow;
    // A batch of this many events is handed over without waiting for the window's end.
    static constexpr std::size_t kMaxBatch = 500;

    // Runs on the chat thread for every event of `platform`'s connector. Guarded: an exception
    // out of a Qt slot ends the process.
    void on_event(const std::string& platform, const core::chat::ChatEvent& event) {
        core::run_guarded("a chat event", [&] { handle(platform, event); });
    }

    // On the chat thread: replaces `platform`'s connector with a new one and starts it.
    void connect_now(const std::string& platform, const std::string& target,
                     const chat::MakeConnector& make) {
        chat::Connector* old = nullptr;
        chat::Connector* fresh = make(
            [this, platform](const core::chat::ChatEvent& event) { on_event(platform, event); });
        fresh->setParent(home);
        {
            std::lock_guard lock(mutex);
            Impl::Entry& entry = entries[platform];
            old = entry.connector;
            entry = Impl::Entry{};
            entry.connector = fresh;
            entry.target = target;
        }
        if (old) {
            old->blockSignals(true);
            delete old; // the previous connection with older settings
        }
        fresh->start();
    }

    void handle(const std::string& platform, const core::chat::ChatEvent& event) {
        {
            std::lock_guard lock(mutex);
            auto it = entries.find(platform);
            if (it != entries.end()) {
                if (std::holds_alternative<core::chat::ChatMessage>(event)) {
                    it->second.rate.add(Clock::now());
                } else if (const auto* s = std::get_if<core::chat::ChatStatus>(&event)) {
                    it->second.state = core::chat::to_string(s->state);
                    it->second.detail = s->detail;
                }
            }
        }
        pending.push_back(event);
        // A deletion, a ban or a cleared chat goes at once, with the messages before it: a
        // withdrawn question leaves the screen without waiting for the window.
        if (pending.size() >= kMaxBatch ||
            !std::holds_alternative<core::chat::ChatMessage>(event)) {
            flush();
        } else if (!flush_posted) {
            // On the chat thread's event loop when the window ends (the timer belongs to
            // `home`, which lives there, and goes with it).
            flush_posted = true;
            QTimer::singleShot(batch_window, home, [this] {
                core::run_guarded("a batch of chat events", [&] { flush(); });
            });
        }
    }

    void flush() {
        flush_posted = false;
        if (pending.empty())
            return;
        std::vector<core::chat::ChatEvent> batch;
        batch.swap(pending);
        if (sink)
            sink(batch);
    }
};

QtChatHub::QtChatHub(Sink sink, QString demo_file, std::chrono::milliseconds batch_window)
    : impl_(std::make_shared<Impl>()) {
    impl_->sink = std::move(sink);
    impl_->batch_window = batch_window;
    impl_->demo_file = std::move(demo_file);
    impl_->thread.setObjectName(QStringLiteral("stagehand-chat"));
    impl_->home = new QObject;
    impl_->home->moveToThread(&impl_->thread);
    QObject::connect(&impl_->thread, &QThread::finished, impl_->home, &QObject::deleteLater);
    // Qt names the thread after its object name; this also tells the cost meters the thread is
    // Stagehand's own, measured as a whole.
    QObject::connect(
        &impl_->thread, &QThread::started, impl_->home,
        [] { core::name_this_thread("stagehand-chat"); }, Qt::DirectConnection);
    impl_->thread.start();
}

QtChatHub::~QtChatHub() {
    stop();
}

void QtChatHub::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopped)
            return;
        impl_->stopped = true;
    }
    // Connectors close on their own thread; then the thread ends and `home` (their parent) goes.
    QMetaObject::invokeMethod(
        impl_->home,
        [impl = impl_.get()] {
            core::run_guarded("stopping chat", [&] {
                std::lock_guard lock(impl->mutex);
                for (auto& [platform, entry] : impl->entries)
                    if (entry.connector) {
                        entry.connector->blockSignals(true);
                        delete entry.connector;
                        entry.connector = nullptr;
                    }
            });
        },
        Qt::BlockingQueuedConnection);
    impl_->thread.quit();
    impl_->thread.wait();
}

control::Result QtChatHub::connect(const control::ChatConnect& request) {
    // Checked here, synchronously, so the caller gets the reason at once.
    std::string error;
    const chat::MakeConnector make =
        chat::prepare_connector(request.platform, request.params, {impl_->demo_file}, error);
    const auto* described = control::find_chat_platform(request.platform);
    const std::string target =
        described ? core::chat::connection_target(*described, request.params) : std::string();
    if (!error.empty())
        return control::Result::failure(error);
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopped)
            return control::Result::failure("chat is shutting down");
    }
    const std::string platform = request.platform;
    QMetaObject::invokeMethod(
        impl_->home,
        [impl = impl_.get(), platform, target, make] {
            core::run_guarded("connecting chat",
                              [&] { impl->connect_now(platform, target, make); });
        },
        Qt::QueuedConnection);
    return control::Result::success({{"platform", platform}, {"target", target}});
}

control::Result QtChatHub::disconnect(const std::string& platform) {
    {
        std::lock_guard lock(impl_->mutex);
        if (!impl_->entries.count(platform))
            return control::Result::failure("no " + platform + " chat is connected");
    }
    QMetaObject::invokeMethod(
        impl_->home,
        [impl = impl_.get(), platform] {
            core::run_guarded("disconnecting chat", [&] {
                chat::Connector* connector = nullptr;
                {
                    std::lock_guard lock(impl->mutex);
                    auto it = impl->entries.find(platform);
                    if (it == impl->entries.end())
                        return;
                    connector = it->second.connector;
                    impl->entries.erase(it);
                }
                if (connector) {
                    connector->stop(); // says "ended" to the queue and the dock
                    connector->blockSignals(true);
                    delete connector;
                }
            });
        },
        Qt::QueuedConnection);
    return control::Result::success({{"platform", platform}});
}

std::vector<control::ChatConnectionStatus> QtChatHub::status() {
    std::vector<control::ChatConnectionStatus> out;
    std::lock_guard lock(impl_->mutex);
    const auto now = Clock::now();
    for (const auto& [platform, entry] : impl_->entries) {
        control::ChatConnectionStatus s;
        s.platform = platform;
        s.state = entry.state;
        s.detail = entry.detail;
        s.target = entry.target;
        if (entry.connector) {
            const auto stats = entry.connector->stats();
            s.messages = stats.messages;
            s.skipped = stats.skipped;
            s.reconnects = stats.reconnects;
            std::tie(s.quota_used, s.quota_daily) = entry.connector->quota();
        }
        s.messages_per_minute = static_cast<double>(entry.rate.last_minute(now));
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace stagehand
