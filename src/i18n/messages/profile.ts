/** Profiles: default profile, paths, backups and their secrets. */
import type { MessageTable } from '../message-table.js';

export const profileMessages = {
  'profile.usingDefault': { fr: 'Profil « {name} » (profil par défaut)', en: 'Profile "{name}" (default profile)' },
  'profile.defaultNow': { fr: 'Le profil par défaut est maintenant « {name} »', en: 'The default profile is now "{name}"' },
  'profile.noDefaultLeft': { fr: 'Plus aucun profil : il n\'y a plus de profil par défaut', en: 'No profile left: there is no default profile any more' },
  'profile.gescomMissing': {
    fr: "La base GesCom {file} n'existe pas : corrigez l'option gescom.db du profil « {profile} » (passerelle profile set {profile} gescom.db <fichier>)",
    en: 'The GesCom database {file} does not exist: correct option gescom.db of profile "{profile}" (passerelle profile set {profile} gescom.db <file>)',
  },
  'profile.relativePath': {
    fr: "{option} : chemin relatif « {value} » refusé, le service ne sait pas de quel dossier il part : donnez un chemin absolu",
    en: '{option}: relative path "{value}" refused, the service cannot tell which folder it starts from: give an absolute path',
  },
  'profile.secretsKept': {
    fr: 'Profil « {name} » : la sauvegarde ne contient pas de secrets, ceux déjà enregistrés sont conservés ({keys})',
    en: 'Profile "{name}": the backup holds no secrets, the ones already stored are kept ({keys})',
  },
  'profile.noDefault': { fr: 'Aucun profil par défaut : précisez --profile', en: 'No default profile: pass --profile' },
  'profile.existsUseOverwrite': {
    fr: 'Le profil « {name} » existe déjà : ajoutez --overwrite pour le remplacer',
    en: 'Profile "{name}" already exists: add --overwrite to replace it',
  },
  'profile.imported': { fr: 'Profil(s) importé(s) : {names}', en: 'Profile(s) imported: {names}' },
} as const satisfies MessageTable;
