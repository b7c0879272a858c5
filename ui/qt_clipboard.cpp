#include "ui/qt_clipboard.hpp"

#include "control/guard.hpp"

#include <QApplication>
#include <QClipboard>
#include <QThread>

#include <future>
#include <memory>

namespace stagehand::ui {

namespace {

std::string read_clipboard() {
    return QApplication::clipboard()->text().toStdString();
}

} // namespace

std::optional<std::string> QtClipboard::text() {
    QCoreApplication* app = QCoreApplication::instance();
    if (!qobject_cast<QApplication*>(app))
        return std::nullopt;
    if (QThread::currentThread() == app->thread())
        return read_clipboard();
    // The promise is shared with the queued call, which may run after this wait gave up.
    auto answer = std::make_shared<std::promise<std::string>>();
    std::future<std::string> future = answer->get_future();
    QMetaObject::invokeMethod(
        app,
        [answer] {
            // A failure leaves the promise unset: the caller's wait gives up as on a busy thread.
            control::run_guarded("reading the clipboard",
                                 [&] { answer->set_value(read_clipboard()); });
        },
        Qt::QueuedConnection);
    if (future.wait_for(wait_) != std::future_status::ready)
        return std::nullopt;
    return future.get();
}

} // namespace stagehand::ui
