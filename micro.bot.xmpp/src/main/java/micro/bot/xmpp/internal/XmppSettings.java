package micro.bot.xmpp.internal;

import java.util.List;

/** Where and as whom the XMPP input connects. */
record XmppSettings(String host, int port, String jid, String password, List<String> rooms, String nick, Tls tls) {

    enum Tls {
        REQUIRED, IFPOSSIBLE, DISABLED
    }

    @Override
    public String toString() { // never the password
        return jid + " at " + host + ":" + port + " " + rooms;
    }
}
