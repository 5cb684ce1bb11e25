# Messages of the socle command line (French).

cli-error-prefix = Erreur :
cli-schema-warning-prefix = Avertissement sur le schéma :
cli-file-unreadable = Le fichier « { $file } » n'a pas pu être validé.
cli-schema-not-found = Le schéma « { $reference } » est introuvable : ce n'est ni un schéma intégré, ni un fichier existant, ni une adresse web.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
    .hint = Listez les schémas intégrés avec « socle schemas list », ou indiquez le chemin d'un fichier schema.json.
cli-schema-unreadable = Le schéma « { $reference } » n'a pas pu être lu : { $detail }.
    .hint = Vérifiez le chemin du fichier et ses droits de lecture.
cli-schema-too-large = Le schéma « { $reference } » dépasse { $limit } Mo, la taille maximale acceptée.
    .hint = Un schéma Table Schema fait normalement quelques dizaines de Ko : vérifiez qu'il s'agit du bon fichier.
cli-schema-download = Le schéma « { $reference } » n'a pas pu être téléchargé : { $detail }.
    .hint = Vérifiez l'adresse et la connexion, ou téléchargez le fichier puis indiquez son chemin.
cli-schema-invalid = Le schéma « { $reference } » est inutilisable : { $count ->
        [one] 1 problème
       *[other] { $count } problèmes
    } à corriger.
    .hint = Corrigez le schéma, ou utilisez un schéma intégré (« socle schemas list »).
cli-schema-unusable = Le schéma « { $reference } » est inutilisable ; le fichier n'a pas été validé.
cli-schema-location = à l'emplacement { $pointer }
cli-registry-broken = Le registre de schémas intégré est endommagé : { $detail }.
    .hint = Réinstallez socle ; si le problème persiste, signalez-le.
cli-schemas-heading = { $count } schémas intégrés (nom à utiliser avec --schema, version, titre, nom au registre) :
cli-warning-prefix = Avertissement :
cli-file-open-failed = Le fichier « { $file } » n'a pas pu être ouvert : { $detail }.
    .hint = Vérifiez le chemin du fichier et ses droits de lecture.
cli-file-create-failed = Le fichier « { $file } » n'a pas pu être écrit : { $detail }.
    .hint = Vérifiez que le dossier existe et que vous avez le droit d'y écrire.
cli-totem-no-plans = aucun dossier de plans de comptes n'est indiqué (--plans ou SOCLE_TOTEM_PLANS) : les libellés et les chapitres absents du fichier resteront vides.
cli-totem-written = { $rows ->
        [one] 1 ligne écrite
       *[other] { $rows } lignes écrites
    } dans « { $file } ».
cli-privacy-rules-invalid = Les règles de détection sont inutilisables : { $detail }.
    .hint = Corrigez le fichier de règles, ou utilisez des règles intégrées avec --schema.
cli-privacy-key-missing = La clé des pseudonymes est absente ou trop courte : définissez SOCLE_PSEUDONYM_KEY (16 caractères au moins).
    .hint = La même clé donne les mêmes pseudonymes d'une publication à l'autre ; conservez-la en lieu sûr.
cli-privacy-redacted = { $spans } passages masqués dans { $records } lignes ; fichier écrit dans « { $file } », avec le journal du masquage à côté (.redaction.json).
cli-output-not-regular = « { $file } » existe et n'est pas un fichier ordinaire (lien, tube ou périphérique) : il ne sera pas remplacé.
    .hint = Indiquez avec -o le chemin d'un nouveau fichier.
cli-output-is-input = Le fichier de sortie « { $file } » est le fichier d'entrée : il serait écrasé.
    .hint = Indiquez avec -o un autre nom de fichier.
cli-privacy-findings-capped = seules les { $kept } premières données trouvées sont listées, sur { $total }.
cli-totem-plan-name-invalid = La nomenclature « { $norme } » ou la déclinaison « { $declinaison } » n'est pas un nom valide.
    .hint = Utilisez les noms des fichiers TOTEM, par exemple --norme M57 --declinaison M57_P.
cli-totem-plan-download = Le plan de comptes n'a pas pu être téléchargé depuis { $url } : { $detail }.
    .hint = Vérifiez l'année, la nomenclature, la déclinaison et la connexion à Internet.
cli-totem-plan-written = Plan de comptes enregistré dans « { $file } ».
