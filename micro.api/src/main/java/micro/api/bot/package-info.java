/**
 * The chat bot's inputs: one {@link micro.api.bot.Input} service per chat system (XMPP, IRC, Slack,
 * or a user's own), so a new one is a bundle dropped in beside the bot.
 */
@Export
@Version("1.0.0")
package micro.api.bot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
