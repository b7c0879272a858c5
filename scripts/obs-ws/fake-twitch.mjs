// A Twitch chat server on 127.0.0.1 for the smoke test: plain IRC with IRCv3 tags, answering
// CAP/NICK/JOIN/PING as Twitch does, so the real OBS's chat connector can be fed messages,
// deletes and bans that a test controls.
import net from 'node:net';

export async function startFakeTwitch() {
    const clients = new Set();
    const server = net.createServer((socket) => {
        let pending = '';
        const client = { socket, joined: false };
        clients.add(client);
        socket.on('data', (data) => {
            pending += data.toString('utf8');
            let end;
            while ((end = pending.indexOf('\n')) >= 0) {
                const line = pending.slice(0, end).trim();
                pending = pending.slice(end + 1);
                if (line.startsWith('CAP REQ')) socket.write(':tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands\r\n');
                else if (line.startsWith('NICK ')) socket.write(`:tmi.twitch.tv 001 ${line.slice(5)} :Welcome, GLHF!\r\n`);
                else if (line.startsWith('JOIN #')) {
                    const channel = line.slice(5);
                    socket.write(`:justinfan!justinfan@justinfan.tmi.twitch.tv JOIN ${channel}\r\n@room-id=1 :tmi.twitch.tv ROOMSTATE ${channel}\r\n`);
                    client.joined = true;
                } else if (line.startsWith('PING')) socket.write(`:tmi.twitch.tv PONG tmi.twitch.tv ${line.slice(5)}\r\n`);
            }
        });
        socket.on('close', () => clients.delete(client));
        socket.on('error', () => clients.delete(client));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        port: server.address().port,
        joined: () => [...clients].some((c) => c.joined),
        send: (line) => {
            for (const c of clients) if (c.joined) c.socket.write(`${line}\r\n`);
        },
        close: () => {
            for (const c of clients) c.socket.destroy();
            server.close();
        },
    };
}

// A PRIVMSG as Twitch sends it, with the tags the plugin reads.
export function privmsg({ id, userId, login, name, text, channel = 'talk', badges = '', replyTo }) {
    const tags = [`badges=${badges}`, `display-name=${name}`, 'emotes=', `id=${id}`,
        `tmi-sent-ts=${Date.now()}`, `user-id=${userId}`];
    if (replyTo) tags.push(`reply-parent-msg-id=${replyTo}`);
    return `@${tags.join(';')} :${login}!${login}@${login}.tmi.twitch.tv PRIVMSG #${channel} :${text}`;
}
