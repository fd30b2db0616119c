/** Oasis Commerce's own options, `shop.oasis.*` in the profile (WEB-07): an API key and the FTP exchange folder. */
import type { z } from 'zod';
import { bool, int, secret, section, text } from '../../profile/option-helpers.js';

export const oasisOptions = section({
  key: secret('Clé API Oasis Commerce', 'Oasis Commerce API key'),
  ftp: section({
    host: text('', 'Serveur FTP', 'FTP server host'),
    port: int(21, 1, 65535, 'Port du serveur FTP', 'FTP server port'),
    user: text('', "Nom d'utilisateur FTP", 'FTP user name'),
    password: secret('Mot de passe FTP', 'FTP password'),
    inFolder: text('in', 'Dossier des fichiers envoyés à la boutique', 'Folder of files sent to the shop'),
    outFolder: text('out', 'Dossier des fichiers fournis par la boutique', 'Folder of files produced by the shop'),
    passive: bool(true, 'Mode passif (sinon actif)', 'Passive mode (otherwise active)'),
    tls: bool(false, 'Connexion FTP sécurisée SSL/TLS', 'Secure FTP connection (SSL/TLS)'),
  }, 'FTP Oasis Commerce', 'Oasis Commerce FTP'),
}, 'Oasis Commerce', 'Oasis Commerce', ['WEB-07']);

export type OasisOptions = z.infer<typeof oasisOptions>;
