#include "ui/chat_connect_form.hpp"

#include "control/guard.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace stagehand::ui {

ChatConnectForm::ChatConnectForm(std::shared_ptr<control::Controller> control, Translate text,
                                 Report report, QWidget* parent)
    : QWidget(parent)
    , control_(std::move(control))
    , translate_(std::move(text))
    , report_(std::move(report))
    , platform_(new QComboBox(this))
    , connect_(new QPushButton(this))
    , disconnect_(new QPushButton(this))
    , health_(new QLabel(this)) {
    setObjectName(QStringLiteral("stagehandChatConnectForm"));
    platform_->setObjectName(QStringLiteral("stagehandChatPlatform"));
    // The platforms and their settings as each platform describes them.
    for (const auto& platform : control::chat_platforms()) {
        platform_->addItem(QString::fromStdString(platform.name),
                           QString::fromStdString(platform.id));
        for (const auto& param : platform.params) {
            if (!param.in_dock || fields_.count(param.name))
                continue;
            auto* field = new QLineEdit(this);
            // stagehandChatChannel, stagehandChatKey, ...
            QString object = QString::fromStdString(param.name);
            object[0] = object[0].toUpper();
            field->setObjectName(QStringLiteral("stagehandChat") + object);
            if (param.secret) // never shown on a screen being shared
                field->setEchoMode(QLineEdit::Password);
            fields_[param.name] = field;
        }
    }
    connect_->setObjectName(QStringLiteral("stagehandChatConnect"));
    connect_->setText(this->text("Dock.Questions.Connect"));
    disconnect_->setObjectName(QStringLiteral("stagehandChatDisconnect"));
    disconnect_->setText(this->text("Dock.Questions.Disconnect"));
    health_->setObjectName(QStringLiteral("stagehandChatHealth"));
    health_->setWordWrap(true);
    health_->setTextFormat(Qt::PlainText);

    auto* row = new QHBoxLayout;
    row->addWidget(platform_);
    for (const auto& [param, field] : fields_)
        row->addWidget(field, 1);
    row->addWidget(connect_);
    row->addWidget(disconnect_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(health_);

    connect(platform_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            control::guarded_slot("choosing a chat platform", [this] { show_fields(); }));
    connect(connect_, &QPushButton::clicked, this,
            control::guarded_slot("connecting chat", [this] { connect_chat(); }));
    connect(disconnect_, &QPushButton::clicked, this,
            control::guarded_slot("disconnecting chat", [this] { disconnect_chat(); }));
    show_fields();
    refresh();
}

QString ChatConnectForm::text(const char* key) const {
    return translate_ ? translate_(key) : QString::fromUtf8(key);
}

void ChatConnectForm::show_fields() {
    const auto* platform =
        control::find_chat_platform(platform_->currentData().toString().toStdString());
    for (const auto& [param, field] : fields_) {
        const auto* described = platform ? control::find_chat_param(*platform, param) : nullptr;
        field->setVisible(described && described->in_dock);
        if (described)
            field->setPlaceholderText(
                QString::fromStdString(described->label + (described->secret && !described->required
                                                               ? std::string()
                                                               : ": " + described->hint)));
    }
}

void ChatConnectForm::refresh() {
    if (!control_)
        return;
    const control::Result status = control_->chat_status();
    // The counts move with every message: shown every two seconds, which also spares the dock
    // a layout pass twice a second in a flood; a connection changing state shows at once.
    QStringList states;
    for (const auto& c : status.member("connections"))
        states << QString::fromStdString(c.value("platform", std::string()) + ' ' +
                                         c.value("state", std::string()));
    const auto now = std::chrono::steady_clock::now();
    if (states == health_states_ && now - health_at_ < std::chrono::seconds(2))
        return;
    health_states_ = states;
    health_at_ = now;
    QStringList lines;
    for (const auto& c : status.member("connections")) {
        const std::string target = c.value("target", std::string());
        QString line = QStringLiteral("%1%2: %3, %4/min, %5 skipped, %6 reconnects")
                           .arg(QString::fromStdString(c.value("platform", std::string())),
                                QString::fromStdString(target.empty() ? "" : " " + target),
                                QString::fromStdString(c.value("state", std::string())))
                           .arg(c.value("messages_per_minute", 0.0))
                           .arg(c.value("skipped", std::size_t{0}))
                           .arg(c.value("reconnects", std::size_t{0}));
        if (c.contains("quota_left"))
            line += QStringLiteral(", quota left %1").arg(c.value("quota_left", 0));
        lines << line;
    }
    health_->setText(lines.isEmpty() ? text("Dock.Questions.NoChat")
                                     : lines.join(QLatin1Char('\n')));
}

void ChatConnectForm::connect_chat() {
    if (!control_)
        return;
    control::ChatConnect request;
    request.platform = platform_->currentData().toString().toStdString();
    if (const auto* platform = control::find_chat_platform(request.platform))
        for (const auto& param : platform->params)
            if (const auto field = fields_.find(param.name); field != fields_.end())
                if (const QString value = field->second->text().trimmed(); !value.isEmpty())
                    request.params[param.name] = value.toStdString();
    const control::Result result = control_->execute(request);
    if (report_)
        report_(result);
    refresh();
}

void ChatConnectForm::disconnect_chat() {
    if (!control_)
        return;
    const control::Result result = control_->execute(
        control::ChatDisconnect{platform_->currentData().toString().toStdString()});
    if (report_)
        report_(result);
    refresh();
}

} // namespace stagehand::ui
