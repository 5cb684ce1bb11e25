# Messages of the socle command line (French).

cli-error-prefix = Erreur :
cli-schema-warning-prefix = Avertissement sur le schéma :
cli-file-unreadable = Le fichier « { $file } » n'a pas pu être validé.
cli-schema-not-found = Le schéma « { $reference } » est introuvable : ce n'est ni un schéma intégré, ni un fichier existant, ni une adresse https://.
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
