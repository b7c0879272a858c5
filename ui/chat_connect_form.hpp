#pragma once

#include "control/controller.hpp"
#include "ui/dock_section.hpp"

#include <QStringList>
#include <QWidget>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace stagehand::ui {

// The Questions section's chat row: pick a platform, fill in the settings that platform
// describes (control/chat_hub.hpp), connect or disconnect it, and read each connection's health
// under it. Connecting is a control-layer command, the same a remote request sends; its outcome
// goes to `report`, which the section shows.
class ChatConnectForm : public QWidget {
    Q_OBJECT

public:
    using Report = std::function<void(const control::Result&)>;
    ChatConnectForm(std::shared_ptr<control::Controller> control, Translate text, Report report,
                    QWidget* parent = nullptr);

    // Re-reads the connections' health (the dock's timer).
    void refresh();
    void detach() { control_.reset(); }

private:
    QString text(const char* key) const;
    void show_fields();
    void connect_chat();
    void disconnect_chat();

    std::shared_ptr<control::Controller> control_;
    Translate translate_;
    Report report_;
    QComboBox* platform_;
    // One field per connect setting the dock shows, by its name; a name several platforms share
    // ("channel") is one field. Shown for the chosen platform.
    std::map<std::string, QLineEdit*> fields_;
    QPushButton* connect_;
    QPushButton* disconnect_;
    QLabel* health_;
    // The connections' states the health line shows, and when it was written.
    QStringList health_states_{QStringLiteral("never shown")};
    std::chrono::steady_clock::time_point health_at_{};
};

} // namespace stagehand::ui
