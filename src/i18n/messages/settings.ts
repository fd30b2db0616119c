/** Profiles store, settings, secrets, shop opening, run lock and action look-up errors. */
import type { MessageTable } from '../message-table.js';

export const settingsMessages = {
  'profiles.invalidName': { fr: 'nom de profil invalide « {name} » (1 à 64 lettres, chiffres, espaces, - _ .)', en: 'invalid profile name "{name}" (1 to 64 letters, digits, spaces, - _ .)' },
  'profiles.unknown': { fr: 'profil inconnu « {name} »', en: 'unknown profile "{name}"' },
  'profiles.unknownAmong': { fr: 'profil inconnu « {name} » ({known})', en: 'unknown profile "{name}" ({known})' },
  'profiles.unreadable': { fr: 'profil illisible {file} : {reason}', en: 'unreadable profile {file}: {reason}' },
  'profiles.exists': { fr: 'le profil existe déjà : « {name} »', en: 'profile already exists: "{name}"' },
  'profiles.notABackup': { fr: "ce fichier n'est pas une sauvegarde de profils Passerelle", en: 'not a Passerelle profile backup' },
  'profiles.needsPassphrase': { fr: 'cette sauvegarde contient des secrets : donnez --passphrase', en: 'this backup holds secrets: pass --passphrase' },
  'profiles.saltMissing': { fr: 'sauvegarde incomplète (sel manquant)', en: 'incomplete backup (salt missing)' },
  'config.invalidKey': { fr: 'clé de chiffrement invalide dans {file}', en: 'invalid encryption key in {file}' },
  'config.unreadableSecret': { fr: 'secret illisible', en: 'unreadable secret' },
  'config.cannotDecrypt': { fr: 'impossible de déchiffrer le secret (mauvaise clé ?)', en: 'cannot decrypt secret (wrong key?)' },
  'config.unreadableSettings': { fr: 'réglages illisibles {file} : {reason}', en: 'unreadable settings {file}: {reason}' },
  'shop.urlMissing': { fr: 'URL de la boutique manquante (option shop.url)', en: 'shop URL missing (option shop.url)' },
  'shop.caUnreadable': { fr: 'certificat illisible {file} : {reason}', en: 'unreadable CA file {file}: {reason}' },
  'shop.noShop': { fr: 'aucune boutique configurée (option shop.kind)', en: 'no shop configured (option shop.kind)' },
  'shop.kindNotSupported': { fr: 'boutique « {kind} » pas encore disponible (disponibles : {available})', en: 'shop "{kind}" not available yet (available: {available})' },
  'state.runInProgress': { fr: 'une exécution est déjà en cours pour le profil « {profile} » (exécution {run}, pid {pid})', en: 'a run is already in progress for profile "{profile}" (run {run}, pid {pid})' },
  'actions.unknown': { fr: 'action inconnue « {name} » ({known})', en: 'unknown action "{name}" ({known})' },
  'actions.noShop': { fr: 'aucune boutique configurée dans le profil « {profile} » (option shop.kind)', en: 'no shop configured in profile "{profile}" (option shop.kind)' },
  'settings.passwordTooShort': { fr: 'le mot de passe des options doit compter au moins {min} caractères', en: 'the options password needs at least {min} characters' },
} as const satisfies MessageTable;
