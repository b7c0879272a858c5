/*
 * Stagehand bridge for reveal.js: tells OBS, through obs-websocket, which slide the deck shows,
 * so Stagehand's slide progress overlay follows the deck on stream.
 *
 * Add it to your deck (after reveal.js), then register it as a plugin:
 *
 *   <script src="stagehand-reveal.js"></script>
 *   <script>
 *     Reveal.initialize({
 *       plugins: [StagehandReveal],
 *       stagehand: { port: 4455, password: '' },   // obs-websocket's port and password
 *     });
 *   </script>
 *
 * Or add ?stagehandPort=4455&stagehandPassword=secret to the deck's URL. On every slide change
 * (and once at the start) it sends the vendor request slides_set {current, total, title}.
 * It reconnects when OBS restarts and never blocks the deck: without OBS it just waits.
 */
(function (root) {
    'use strict';

    function settingsFrom(deck) {
        const config = (deck.getConfig && deck.getConfig().stagehand) || {};
        const query = new URLSearchParams(root.location ? root.location.search : '');
        return {
            host: query.get('stagehandHost') || config.host || '127.0.0.1',
            port: Number(query.get('stagehandPort') || config.port || 4455),
            password: query.get('stagehandPassword') || config.password || '',
        };
    }

    async function sha256Base64(text) {
        const digest = await root.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
        let binary = '';
        for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
        return root.btoa(binary);
    }

    // obs-websocket 5's handshake: Hello (op 0), Identify (op 1), Identified (op 2); requests
    // are op 6 and their answers op 7. Authentication, when the server asks for it, is
    // base64(sha256(base64(sha256(password + salt)) + challenge)).
    function Connection(settings, onReady) {
        let socket = null;
        let ready = false;
        let retry = 1000;
        let counter = 0;

        function open() {
            socket = new root.WebSocket(`ws://${settings.host}:${settings.port}`);
            socket.onmessage = async (event) => {
                const message = JSON.parse(event.data);
                if (message.op === 0) {
                    const identify = { rpcVersion: 1, eventSubscriptions: 0 };
                    const auth = message.d.authentication;
                    if (auth) {
                        const secret = await sha256Base64(settings.password + auth.salt);
                        identify.authentication = await sha256Base64(secret + auth.challenge);
                    }
                    socket.send(JSON.stringify({ op: 1, d: identify }));
                } else if (message.op === 2) {
                    ready = true;
                    retry = 1000;
                    onReady();
                }
            };
            socket.onclose = () => {
                ready = false;
                setTimeout(open, retry);
                retry = Math.min(retry * 2, 15000);
            };
            socket.onerror = () => socket.close();
        }

        this.vendorRequest = (requestType, requestData) => {
            if (!ready) return false;
            socket.send(JSON.stringify({
                op: 6,
                d: {
                    requestType: 'CallVendorRequest',
                    requestId: `stagehand-reveal-${++counter}`,
                    requestData: { vendorName: 'stagehand', requestType, requestData },
                },
            }));
            return true;
        };
        open();
    }

    const StagehandReveal = {
        id: 'stagehand',
        init(deck) {
            const position = () => ({
                current: deck.getSlidePastCount() + 1,
                total: deck.getTotalSlides(),
                title: root.document ? root.document.title : '',
            });
            const connection = new Connection(settingsFrom(deck), () =>
                connection.vendorRequest('slides_set', position()));
            deck.on('slidechanged', () => connection.vendorRequest('slides_set', position()));
            deck.on('ready', () => connection.vendorRequest('slides_set', position()));
        },
    };

    root.StagehandReveal = StagehandReveal;
})(typeof window !== 'undefined' ? window : globalThis);
