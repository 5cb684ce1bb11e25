## Problems with values entered in the publication platform.

catalog-error-required = ce champ est obligatoire.
catalog-error-too-long = le texte est trop long (200 caractères au plus).
catalog-error-licence = choisissez une licence de la liste.
catalog-error-frequency = choisissez une fréquence de la liste.
catalog-error-date = la date doit être au format AAAA-MM-JJ.
catalog-error-spatial = chaque code doit être de la forme commune:42218, epci:244200770 ou departement:42.
catalog-error-email = l'adresse électronique n'est pas valide.
catalog-error-email-taken = un compte existe déjà avec cette adresse électronique.
catalog-error-control = le texte contient un caractère invisible (caractère de contrôle ou d'inversion du sens d'écriture) : retapez-le ou collez-le sans mise en forme.
catalog-error-tags = 30 mots-clés au plus, de 60 caractères au plus chacun.
catalog-error-siren = le SIREN doit compter 9 chiffres avec une clé de contrôle valide.
catalog-error-password-short = le mot de passe doit compter au moins 10 caractères.
