#include "obs/dock_registration.hpp"

#include "obs/log.hpp"
#include "ui/dock_widget.hpp"

#include <obs-frontend-api.h>
#include <obs-module.h>

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QPointer>

namespace stagehand {

namespace {

QPointer<QWidget> g_content;

QDockWidget* find_dock() {
    auto* main = static_cast<QMainWindow*>(obs_frontend_get_main_window());
    return main ? main->findChild<QDockWidget*>(QString::fromUtf8(kDockId)) : nullptr;
}

} // namespace

bool frontend_available() {
    return qobject_cast<QApplication*>(QCoreApplication::instance()) != nullptr;
}

void install_dock(const DockOptions& options) {
    if (!frontend_available()) {
        log(LOG_INFO, "no Qt application in this process: presenter dock not created");
        return;
    }
    auto* main = static_cast<QMainWindow*>(obs_frontend_get_main_window());
    if (!main) {
        log(LOG_WARNING, "OBS main window not found: presenter dock not created");
        return;
    }
    const QString title = QString::fromStdString(options.title);
    ui::Translate text;
    if (options.text)
        text = [lookup = options.text](const char* key) {
            return QString::fromStdString(lookup(key));
        };
    auto* content =
        new ui::DockWidget(title, QString::fromStdString(options.subtitle),
                           QString::fromStdString(options.version), options.controller, text);
    g_content = content;
    content->quietWhenClosing(main);

#if LIBOBS_API_MAJOR_VER >= 30
    if (!obs_frontend_add_dock_by_id(kDockId, options.title.c_str(), content)) {
        log(LOG_ERROR, "obs_frontend_add_dock_by_id refused the dock id %s", kDockId);
        delete content;
        return;
    }
#else
    // OBS 29 takes a ready QDockWidget; the main window owns it from here on.
    auto* dock = new QDockWidget(title, main);
    dock->setObjectName(QString::fromUtf8(kDockId));
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    main->addDockWidget(Qt::RightDockWidgetArea, dock);
    obs_frontend_add_dock(dock);
#endif
    log(LOG_INFO, "presenter dock created (%s)", kDockId);
}

// OBS restores dock visibility from the profile after modules load, which hides a dock it has
// never seen. A first-time user must still find it, so it is shown once; then their choice holds.
void show_dock_first_time() {
    QDockWidget* dock = find_dock();
    if (!dock)
        return;
    // Dock it beside the preview rather than leave it floating over OBS.
    if (auto* main = qobject_cast<QMainWindow*>(dock->parentWidget())) {
        dock->setFloating(false);
        main->addDockWidget(Qt::RightDockWidgetArea, dock);
    }
    dock->setVisible(true);
    dock->raise();
    log(LOG_INFO, "dock shown for the first time");
}

void detach_dock() {
    if (auto* content = qobject_cast<ui::DockWidget*>(g_content.data()))
        content->detach();
}

void remove_dock() {
#if LIBOBS_API_MAJOR_VER >= 30
    if (g_content)
        obs_frontend_remove_dock(kDockId);
#endif
}

} // namespace stagehand
